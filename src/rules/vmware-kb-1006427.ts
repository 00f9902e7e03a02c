import { throughMajor } from './policy.js';
import type { RuleSet } from './types.js';

const SOURCE = 'VMware KB 1006427';
const T32 = `${SOURCE}, 32-bit kernels table`;
const T64 = `${SOURCE}, 64-bit kernels (2 rows encoded, numbered here)`;

const DIVIDER_WARNING =
  'the RHEL 6 guide (14.2) warns that divider can panic RHEL 4 and RHEL 5 before 5.8 (BZ 698842)';

/**
 * VMware KB 1006427, "Timekeeping best practices for Linux guests": for
 * guests on VMware, not KVM (sys_vendor "VMware, Inc." in DMI).
 *
 * 32-bit table: the later revision as timekeeping-rules.md section 3 gives
 * it. `row` is the position in that table. Two cells name two releases each
 * and become two rows sharing the row number, one release range per name:
 * "RHEL 3, 2.1" (the article's own older revisions list "RHEL 3 (All
 * updates)" and "RHEL 2.1" as separate rows) and "SLES 9, SLES 10 to SP2".
 * "RHEL 6.x" and "RHEL 3" cover every minor of the major (throughMajor).
 * SLES releases are "X.Y" with Y the service pack (SLES 10 SP2 = 10.2) and
 * carry `distro: 'sles'`; the tool queries RHEL only, and selection skips
 * rows of another distribution (policy.ts appliesToDistro).
 *
 * Stored copies of the article read for checking (search tool, "pages"):
 * - kb.vmware.com/selfservice/microsites/search.do?language=en_US&cmd=displayKC&externalId=1006427
 *   (the later revision): RHEL 6.x nothing; 5.8 down to 5.4 nothing, with a
 *   pointer to the optional divider=10; 5.3 to 5.1 divider=10
 *   clocksource=acpi_pm; 5.0 clocksource=acpi_pm; 4.9 and 4.8 clock=pmtmr
 *   divider=10 hpet=disable. The copy ends there, inside the 32-bit table.
 * - kb.vmware.com/selfservice/microsites/search.do?cmd=displayKC&docType=kc&externalId=1006427&sliceId=1&docTypeID=DT_KB_1_1&dialogID=25734743&stateId=1%200%2025736657
 *   (a revision up to 5.7): 4.9 to 4.7 clock=pmtmr divider=10 hpet=disable;
 *   4.6 to 4.0 clock=pmtmr hpet=disable; RHEL 3 (All updates) and RHEL 2.1
 *   nothing. The copy ends inside the 32-bit table.
 * - kb.vmware.com/selfservice/microsites/microsite.do?cmd=displayKC&docType=kc&externalId=1006427&sliceId=1&docTypeID=DT_KB_1_1
 *   and megalodon.jp/ref/2010-1129-1611-46/kb.vmware.com/kb/1006427 (older
 *   revisions, 5.4 the newest RHEL): SLES 11 nothing; SLES 10 SP1 and SP2
 *   clock=pmtmr, but SP2 on ESX 3.5 and later a VMI-enabled kernel instead;
 *   SLES 10 clock=pmtmr (or clock=hpet on AMD Rev F Opteron); SLES 9
 *   clock=pmtmr. These copies also end inside the 32-bit table.
 * Rows 1 to 7 agree with those copies; the SLES rows are the later revision
 * as timekeeping-rules.md gives it (the copies of that revision stop before
 * SLES), so the SP2-on-ESX-3.5 distinction above is in a row note only.
 *
 * 64-bit table: no stored copy reaches it (every copy read stops inside or
 * just after the 32-bit table), so it could not be checked. Encoded are
 * only the two facts timekeeping-rules.md states: `notsc divider=10` on
 * RHEL 5.1 to 5.3 and `notsc` on RHEL 5.0. The rest of the 64-bit table
 * (RHEL 6, 5.4 and later, RHEL 4, 3, SLES) is NOT encoded: a 64-bit guest
 * of any other release gets no rule from this set.
 *
 * Policy `none`: with the 64-bit table only partly here, the same-major
 * search would give a 64-bit RHEL 5.4 to 5.11 the 5.1-to-5.3 row (notsc
 * divider=10), which the article does not say and which the RHEL 6 guide
 * warns against before 5.8. The 32-bit ranges already cover RHEL 2.1 to
 * 6.x except 5.9 to 5.11, which the article's revisions predate.
 */
export const vmwareKb1006427: RuleSet = {
  name: 'vmware-kb-1006427',
  title: 'Timekeeping best practices for Linux guests',
  source: SOURCE,
  hypervisor: 'vmware',
  policy:
    'only a row whose release range covers the release applies: nothing is extrapolated, since the 64-bit table is encoded only for RHEL 5.0 to 5.3',
  extrapolate: 'none',
  notes: [
    'for guests running on VMware only; such a guest shows "VMware, Inc." in /sys/class/dmi/id/sys_vendor',
    'the parameters are added to those the distribution already puts on the kernel line',
    'where both SMP and UP kernels are installed, each virtual machine must boot the one that matches it, or time may drift',
    "64-bit kernels: only the RHEL 5.0 and RHEL 5.1 to 5.3 rows are encoded; the rest of the article's 64-bit table could not be retrieved and checked, so other 64-bit releases have no rule here",
  ],
  // prettier-ignore
  rows: [
    { row: 1, release: { min: '6.0', max: throughMajor(6), label: 'RHEL 6.x' }, arch: 'x86', pvclock: 'any', params: [], source: T32 },
    { row: 2, release: { min: '5.4', max: '5.8', label: 'RHEL 5.4 to 5.8' }, arch: 'x86', pvclock: 'any', params: [], source: T32, note: 'divider=10 optional' },
    { row: 3, release: { min: '5.1', max: '5.3', label: 'RHEL 5.1 to 5.3' }, arch: 'x86', pvclock: 'any', params: ['divider=10', 'clocksource=acpi_pm'], source: T32, note: DIVIDER_WARNING },
    { row: 4, release: { min: '5.0', max: '5.0', label: 'RHEL 5.0' }, arch: 'x86', pvclock: 'any', params: ['clocksource=acpi_pm'], source: T32 },
    { row: 5, release: { min: '4.7', max: '4.9', label: 'RHEL 4.7 to 4.9' }, arch: 'x86', pvclock: 'any', params: ['clock=pmtmr', 'divider=10', 'hpet=disable'], source: T32, note: DIVIDER_WARNING },
    { row: 6, release: { min: '4.0', max: '4.6', label: 'RHEL 4.0 to 4.6' }, arch: 'x86', pvclock: 'any', params: ['clock=pmtmr', 'hpet=disable'], source: T32 },
    { row: 7, release: { min: '3.0', max: throughMajor(3), label: 'RHEL 3' }, arch: 'x86', pvclock: 'any', params: [], source: T32, note: 'from the row "RHEL 3, 2.1"' },
    { row: 7, release: { min: '2.1', max: '2.1', label: 'RHEL 2.1' }, arch: 'x86', pvclock: 'any', params: [], source: T32, note: 'from the row "RHEL 3, 2.1"' },
    { row: 8, release: { min: '9.0', max: throughMajor(9), label: 'SLES 9' }, arch: 'x86', pvclock: 'any', params: ['clock=pmtmr'], source: T32, distro: 'sles', note: 'from the row "SLES 9, SLES 10 to SP2"' },
    { row: 8, release: { min: '10.0', max: '10.2', label: 'SLES 10 to SP2' }, arch: 'x86', pvclock: 'any', params: ['clock=pmtmr'], source: T32, distro: 'sles', note: 'from the row "SLES 9, SLES 10 to SP2"; older revisions: SP2 on ESX 3.5 and later uses a VMI-enabled kernel instead' },
    { row: 9, release: { min: '11.0', max: throughMajor(11), label: 'SLES 11' }, arch: 'x86', pvclock: 'any', params: [], source: T32, distro: 'sles' },
    { row: 1, release: { min: '5.1', max: '5.3', label: 'RHEL 5.1 to 5.3' }, arch: 'x86_64', pvclock: 'any', params: ['notsc', 'divider=10'], source: T64, note: DIVIDER_WARNING },
    { row: 2, release: { min: '5.0', max: '5.0', label: 'RHEL 5.0' }, arch: 'x86_64', pvclock: 'any', params: ['notsc'], source: T64 },
  ],
};
