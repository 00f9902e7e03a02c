import { throughMajor } from './policy.js';
import type { RuleSet } from './types.js';

const SOURCE = 'RHEL 6 Virtualization Host Configuration and Guest Installation Guide 14.2';

/**
 * The RHEL 6 guide's table ("Required Parameters for Red Hat Enterprise
 * Linux Guests"), row for row, as timekeeping-rules.md section 2 gives it.
 * A stored copy of the page
 * (https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/6/html/virtualization_host_configuration_and_guest_installation_guide/form-virtualization_host_configuration_and_guest_installation_guide-kvm_guest_timing_management-required_parameters_for_rhel_guests)
 * was read and has the same twelve rows and the same two notes.
 *
 * Where it differs from the RHEV 3.4 table: 5.4 needs `notsc` /
 * `clocksource=acpi_pm` with or without kvm-clock (the kvm-clock split
 * starts at 5.5), and there are no rows for RHEL 4, RHEL 3 or 32-bit RHEL 6.
 *
 * "7.0 and later" is min 7.0 with no max. "6.1 and later" is min 6.1 and
 * ends with RHEL 6 (max 6.999, see throughMajor): the guide gives 7.0 and
 * later a row of its own, so an open end would make rows 1 and 2 both claim
 * every 7.x release and the report would cite whichever came first. Both
 * rows ask for nothing, so only the cited row depends on the choice.
 *
 * Releases between rows use selectRule's same-major policy; it agrees with
 * the table wherever the table has rows (e.g. 5.6 to 5.11 x86_64 with
 * kvm-clock take row 5, 5.5's, and ask for nothing) and leaves uncovered
 * majors (4, 3, 32-bit 6, 7 without kvm-clock) without a rule.
 */
export const rhel6Guide: RuleSet = {
  name: 'rhel6-guide',
  title: 'Required Parameters for Red Hat Enterprise Linux Guests',
  source: SOURCE,
  hypervisor: 'kvm',
  policy:
    'a release without a row of its own uses the row of the same major release at or below it, else the nearest one above it; majors without rows are not covered',
  extrapolate: 'same-major',
  notes: [
    'lpj=n: n is the loops-per-jiffy value of the CPU the guest runs on; if the value is not known, do not set lpj',
    'divider=10 was once recommended for RHEL 4 and 5 guests; it is no longer recommended for RHEL 4 or for RHEL 5 before 5.8, where it can panic the kernel (BZ 698842, fixed in 5.8)',
    'RHEL 6 is tickless, so divider does nothing there; RHEL 3 never had the divider parameter',
  ],
  // prettier-ignore
  rows: [
    { row: 1, release: { min: '7.0', label: '7.0 and later' }, arch: 'x86_64', pvclock: 'yes', params: [], source: SOURCE },
    { row: 2, release: { min: '6.1', max: throughMajor(6), label: '6.1 and later' }, arch: 'x86_64', pvclock: 'yes', params: [], source: SOURCE, note: 'read as the later RHEL 6 releases: 7.0 and later have row 1' },
    { row: 3, release: { min: '6.0', max: '6.0', label: '6.0' }, arch: 'x86_64', pvclock: 'yes', params: [], source: SOURCE },
    { row: 4, release: { min: '6.0', max: '6.0', label: '6.0' }, arch: 'x86_64', pvclock: 'no', params: ['notsc', 'lpj=n'], source: SOURCE },
    { row: 5, release: { min: '5.5', max: '5.5', label: '5.5' }, arch: 'x86_64', pvclock: 'yes', params: [], source: SOURCE },
    { row: 6, release: { min: '5.5', max: '5.5', label: '5.5' }, arch: 'x86_64', pvclock: 'no', params: ['notsc', 'lpj=n'], source: SOURCE },
    { row: 7, release: { min: '5.5', max: '5.5', label: '5.5' }, arch: 'x86', pvclock: 'yes', params: [], source: SOURCE },
    { row: 8, release: { min: '5.5', max: '5.5', label: '5.5' }, arch: 'x86', pvclock: 'no', params: ['clocksource=acpi_pm', 'lpj=n'], source: SOURCE },
    { row: 9, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86_64', pvclock: 'any', params: ['notsc'], source: SOURCE },
    { row: 10, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86', pvclock: 'any', params: ['clocksource=acpi_pm'], source: SOURCE },
    { row: 11, release: { min: '5.3', max: '5.3', label: '5.3' }, arch: 'x86_64', pvclock: 'any', params: ['notsc'], source: SOURCE },
    { row: 12, release: { min: '5.3', max: '5.3', label: '5.3' }, arch: 'x86', pvclock: 'any', params: ['clocksource=acpi_pm'], source: SOURCE },
  ],
};
