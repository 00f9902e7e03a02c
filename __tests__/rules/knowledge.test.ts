/**
 * The rules' knowledge kept as data, at the stage: command-line limits by
 * release, which kernels have kvm-clock, arguments that defeat it, the
 * hazards of clock arguments per release and arch, contradictions, and the
 * words --explain gives each parameter. Each boundary is tried on both sides.
 */
import { cmdlineLimit, SMALLEST_LIMIT } from '../../src/rules/cmdline-limits.js';
import { defeatsKvmClock } from '../../src/rules/clock-use.js';
import { CONFLICT_ARG_NAMES, findConflicts } from '../../src/rules/conflicts.js';
import { HAZARD_ARG_NAMES, hazardsOf } from '../../src/rules/kernel-args.js';
import { kernelKvmClock, KVM_CLOCK_SINCE } from '../../src/rules/kvm-clock.js';
import { describeParam, PARAM_DOCS } from '../../src/rules/param-docs.js';

describe('cmdlineLimit', () => {
  it.each([
    ['2.9', undefined],
    ['3.0', 255],
    ['4.9', 255],
    ['5.0', 255],
    ['5.1', 255],
    ['5.2', 255],
    ['5.11', 255],
    ['6.0', 2047],
    ['7.9', 2047],
  ])('%s: %s bytes', (release, bytes) => {
    expect(cmdlineLimit(release)?.bytes).toBe(bytes);
  });

  it('names the source that fits the release', () => {
    expect(cmdlineLimit('4.8')?.source).toMatch(/^RHEL 3 and 4 kernels: COMMAND_LINE_SIZE 256/);
    expect(cmdlineLimit('5.1')?.source).toMatch(/^RHEL 5 kernels before 2\.6\.18-92/);
    expect(cmdlineLimit('5.2')?.source).toMatch(/^RHEL 5 kernels: boot protocol 2\.04/);
    expect(cmdlineLimit('6.5')?.source).toMatch(
      /^RHEL 6 and later kernels: COMMAND_LINE_SIZE 2048/,
    );
    expect(SMALLEST_LIMIT.bytes).toBe(255);
  });
});

describe('kernelKvmClock', () => {
  it.each([
    ['2.4.21-50.EL', false, 'RHEL 3 and 4 kernels have no kvm-clock'],
    ['2.6.9-89.ELsmp', false, 'RHEL 3 and 4 kernels have no kvm-clock'],
    [
      '2.6.18-164.el5',
      false,
      `RHEL 5 kernels before ${KVM_CLOCK_SINCE} (the first 5.4 update) have no kvm-clock`,
    ],
    [
      '2.6.18-164.2.0.el5',
      false,
      `RHEL 5 kernels before ${KVM_CLOCK_SINCE} (the first 5.4 update) have no kvm-clock`,
    ],
    ['2.6.18-164.2.1.el5', true, `RHEL 5 kernels have kvm-clock from ${KVM_CLOCK_SINCE} on`],
    ['2.6.18-164.3.el5', true, `RHEL 5 kernels have kvm-clock from ${KVM_CLOCK_SINCE} on`],
    ['2.6.18-165.el5', true, `RHEL 5 kernels have kvm-clock from ${KVM_CLOCK_SINCE} on`],
    [
      '2.6.18-128.el5PAE',
      false,
      `RHEL 5 kernels before ${KVM_CLOCK_SINCE} (the first 5.4 update) have no kvm-clock`,
    ],
    ['2.6.32-71.el6.x86_64', true, 'RHEL 6 and 7 kernels have kvm-clock'],
    ['3.10.0-1160.el7.x86_64', true, 'RHEL 6 and 7 kernels have kvm-clock'],
  ])('%s: %s', (version, has, why) => {
    expect(kernelKvmClock(version)).toEqual({ has, why });
  });

  it.each([
    ['2.6.18-194.el5xen', 'a Xen kernel'],
    ['2.6.32-71.el5', 'a 2.6.32 kernel with an el5 tag'],
    ['3.10.0-123.el6', 'a 3.10.0 kernel with an el6 tag'],
    ['2.6.9-89.el5', 'RHEL 4 base with another tag'],
    ['5.14.0-70.el9', 'a kernel the table does not know'],
    ['vmlinuz', 'not a version'],
  ])('%s (%s): not known', (version) => {
    expect(kernelKvmClock(version)).toBeUndefined();
  });
});

describe('defeatsKvmClock', () => {
  it.each([
    ['no-kvmclock', 'it turns kvm-clock off'],
    ['clocksource=tsc', 'it makes the kernel use the TSC instead of kvm-clock'],
    ['clock=tsc', 'it makes the kernel use the TSC instead of kvm-clock'],
    ['clocksource=kvm-clock', undefined],
    ['notsc', undefined],
  ])('%s', (arg, reason) => {
    expect(defeatsKvmClock(arg)).toBe(reason);
  });
});

describe('hazardsOf', () => {
  const kinds = (arg: string, release: string, arch?: 'x86' | 'x86_64'): string[] =>
    hazardsOf(arg, release, arch).map((h) => h.kind);

  it.each([
    ['3.9', ['unknown-to-kernel']],
    ['4.6', ['unknown-to-kernel']],
    ['4.7', ['harmful']],
    ['4.9', ['harmful']],
    ['5.0', ['unknown-to-kernel']],
    ['5.1', ['harmful']],
    ['5.7', ['harmful']],
    ['5.8', []],
    ['5.11', []],
    ['6.0', ['useless']],
  ])('divider=10 on %s: %j', (release, expected) => {
    expect(kinds('divider=10', release)).toEqual(expected);
  });

  it('matches by name for name=*, and not a longer name', () => {
    expect(kinds('divider', '5.1')).toEqual(['harmful']);
    expect(kinds('dividers=2', '5.1')).toEqual([]);
  });

  it('arch narrows, and an unknown arch gets the hazards of both', () => {
    expect(kinds('clocksource=acpi_pm', '4.8', 'x86')).toEqual(['unknown-to-kernel']);
    expect(hazardsOf('clocksource=acpi_pm', '4.8', 'x86')[0]?.reason).toMatch(/use clock=pmtmr$/);
    expect(hazardsOf('clocksource=acpi_pm', '4.8', 'x86_64')[0]?.reason).toMatch(/use notsc/);
    expect(kinds('clocksource=acpi_pm', '4.8')).toHaveLength(2);
    expect(kinds('clock=pmtmr', '4.8', 'x86')).toEqual([]);
    expect(kinds('clock=pmtmr', '4.8', 'x86_64')).toEqual(['unknown-to-kernel']);
    expect(kinds('clock=pmtmr', '6.1')).toEqual(['deprecated']);
    expect(kinds('clocksource=acpi_pm', '3.9')).toEqual(['unknown-to-kernel']);
    expect(kinds('clocksource=acpi_pm', '5.4')).toEqual([]);
  });

  it('lists the argument names it knows', () => {
    expect([...HAZARD_ARG_NAMES].sort()).toEqual(['clock', 'clocksource', 'divider']);
  });
});

describe('findConflicts', () => {
  it('each existing argument that contradicts an added parameter, in words', () => {
    expect(
      findConflicts(['ro', 'clocksource=tsc', 'tsc=reliable', 'clock=tsc'], ['notsc', 'lpj=1']),
    ).toEqual([
      'clocksource=tsc contradicts notsc: it selects the TSC, which notsc disables',
      'clock=tsc contradicts notsc: it selects the TSC, which notsc disables',
      'tsc=reliable contradicts notsc: it tells the kernel to trust the TSC, which notsc disables',
    ]);
  });

  it('name=* patterns match any value of that name only', () => {
    expect(findConflicts(['clock=pit', 'clocks=x'], ['clocksource=acpi_pm'])).toEqual([
      'clock=pit contradicts clocksource=acpi_pm: clock= is the older name of clocksource=; two clock choices on one line contradict each other',
    ]);
    expect(findConflicts(['clocksource=hpet'], ['clock=pmtmr'])).toEqual([
      'clocksource=hpet contradicts clock=pmtmr: two clock choices on one line contradict each other (RHEL 4 kernels know only clock=)',
    ]);
    expect(findConflicts(['clocksource=hpet', 'tsc=reliable'], ['lpj=5'])).toEqual([]);
  });

  it('lists the argument names it knows', () => {
    expect([...CONFLICT_ARG_NAMES].sort()).toEqual(['clock', 'clocksource', 'tsc']);
  });
});

describe('describeParam', () => {
  it('by name, whatever the value', () => {
    expect(describeParam('lpj=2394000')).toBe(PARAM_DOCS.lpj);
    expect(describeParam('clocksource=acpi_pm')).toMatch(/^chooses the clocksource by name/);
    expect(describeParam('notsc')).toMatch(/^stops the kernel from using the Time Stamp Counter/);
    expect(describeParam('quiet')).toBe('not a parameter this tool knows: given as it is');
  });
});
