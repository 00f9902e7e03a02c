import type { RuleSet } from './types.js';

const SOURCE = 'RHEV 3.4 Administration Guide 9.16.3';

/**
 * The seed document's table ("The table below lists versions of Red Hat
 * Enterprise Linux and the parameters required for virtual machines on
 * systems without a constant Time Stamp Counter"), row for row.
 */
export const rhev34: RuleSet = {
  name: 'rhev-3.4',
  title: 'KVM virtual machine timing management',
  source: SOURCE,
  hypervisor: 'kvm',
  policy:
    'a release without a row of its own uses the row of the same major release at or below it, else the nearest one above it; majors without rows are not covered',
  // prettier-ignore
  rows: [
    { row: 1, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86_64', pvclock: 'yes', params: [], source: SOURCE },
    { row: 2, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86_64', pvclock: 'no', params: ['notsc', 'lpj=n'], source: SOURCE },
    { row: 3, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86', pvclock: 'yes', params: [], source: SOURCE },
    { row: 4, release: { min: '5.4', max: '5.4', label: '5.4' }, arch: 'x86', pvclock: 'no', params: ['clocksource=acpi_pm', 'lpj=n'], source: SOURCE },
    { row: 5, release: { min: '5.3', max: '5.3', label: '5.3' }, arch: 'x86_64', pvclock: 'any', params: ['notsc'], source: SOURCE },
    { row: 6, release: { min: '5.3', max: '5.3', label: '5.3' }, arch: 'x86', pvclock: 'any', params: ['clocksource=acpi_pm'], source: SOURCE },
    { row: 7, release: { min: '4.8', max: '4.8', label: '4.8' }, arch: 'x86_64', pvclock: 'any', params: ['notsc'], source: SOURCE },
    { row: 8, release: { min: '4.8', max: '4.8', label: '4.8' }, arch: 'x86', pvclock: 'any', params: ['clock=pmtmr'], source: SOURCE },
    { row: 9, release: { min: '3.9', max: '3.9', label: '3.9' }, arch: 'x86_64', pvclock: 'any', params: [], source: SOURCE },
    { row: 10, release: { min: '3.9', max: '3.9', label: '3.9' }, arch: 'x86', pvclock: 'any', params: [], source: SOURCE },
  ],
};
