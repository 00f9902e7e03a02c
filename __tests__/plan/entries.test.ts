import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { known, unknown, type Facts } from '../../src/facts/types.js';
import { planEntries, planGuest, reviewEdit } from '../../src/plan/index.js';
import { kernelOfImage } from '../../src/plan/kernel.js';
import { chooseRuleSets } from '../../src/rules/registry.js';

const options: Options = { ...DEFAULT_OPTIONS };
const kvm = chooseRuleSets(undefined, undefined);

function facts(release: string | undefined, pvclock?: boolean): Facts {
  return {
    release: release === undefined ? unknown('no --release given') : known(release, '--release'),
    arch: known('x86_64', '--arch'),
    pvclock: pvclock === undefined ? unknown('nothing tells') : known(pvclock, '--pvclock'),
    lpj: known(2394000, '--lpj'),
  };
}

const ENTRIES = [
  { index: 0, image: '/vmlinuz-2.6.18-164.el5' },
  { index: 1, image: '/vmlinuz-2.6.18-128.el5' },
  { index: 2, image: '/vmlinuz-2.6.9-89.EL' },
  { index: 3, image: '/vmlinuz' },
];

describe('kernelOfImage: image -> kernel -> release, in one place', () => {
  it.each([
    ['/vmlinuz-2.6.18-164.el5', '2.6.18-164.el5', '5.4', true],
    ['(hd0,0)/boot/vmlinuz-2.6.18-194.8.1.el5', '2.6.18-194.8.1.el5', '5.5', true],
    ['/vmlinuz-2.6.18-200.el5', '2.6.18-200.el5', '5.5', false],
    ['/vmlinuz-2.6.9-89.ELsmp', '2.6.9-89.ELsmp', '4.8', true],
  ])('%s', (image, version, release, exact) => {
    expect(kernelOfImage(image)).toMatchObject({ version, release: { release, exact } });
  });

  it('a bare image or no image gives nothing; an unknown kernel only its version', () => {
    expect(kernelOfImage('/vmlinuz')).toEqual({});
    expect(kernelOfImage(undefined)).toEqual({});
    expect(kernelOfImage('/vmlinuz-5.14.0-1.fc35')).toEqual({ version: '5.14.0-1.fc35' });
  });
});

describe('planEntries', () => {
  it('gives every entry the one guest-wide list, without copying it', () => {
    const warnings: string[] = [];
    const f = facts('5.4', false);
    const guest = planGuest(f, undefined, options, kvm, warnings);
    const plans = planEntries(ENTRIES, guest, f, options, kvm, warnings);
    expect(plans.map((p) => p.params)).toEqual(ENTRIES.map(() => ['notsc', 'lpj=2394000']));
    expect(plans[0]?.params).toBe(guest.params);
    expect(plans.map((p) => p.kernel)).toEqual([
      '2.6.18-164.el5',
      '2.6.18-128.el5',
      '2.6.9-89.EL',
      undefined,
    ]);
    expect(plans.every((p) => p.release === '5.4' && p.releaseSource === '--release')).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('per entry, decides each from its own kernel and leaves an unmapped one alone', () => {
    const warnings: string[] = [];
    const plans = planEntries(ENTRIES, undefined, facts('5.4', false), options, kvm, warnings);
    expect(plans.map((p) => [p.release, p.params])).toEqual([
      ['5.4', ['notsc', 'lpj=2394000']],
      ['5.3', ['notsc']],
      ['4.8', ['notsc']],
      [undefined, []],
    ]);
    expect(plans[3]?.skipped).toBe('its kernel /vmlinuz cannot be mapped to a RHEL release');
    expect(warnings).toEqual([
      'entry 3 left alone: its kernel /vmlinuz cannot be mapped to a RHEL release',
    ]);
  });

  it('drops a parameter that can panic the kernel, and says so for that entry', () => {
    const warnings: string[] = [];
    const withDivider: Options = { ...options, params: ['notsc', 'divider=10'] };
    const f = facts('5.4');
    const guest = planGuest(f, undefined, withDivider, kvm, warnings);
    const plans = planEntries(ENTRIES.slice(0, 1), guest, f, withDivider, kvm, warnings);
    expect(plans[0]?.params).toEqual(['notsc']);
    expect(guest.params).toEqual(['notsc', 'divider=10']);
    expect(warnings).toEqual([
      'entry 0: divider=10 not added to kernel 2.6.18-164.el5 (RHEL 5.4): divider= of any value can panic RHEL 5 kernels before 5.8 (BZ 698842, fixed in 5.8; RHEL 6 Virtualization Guide 14.2)',
    ]);
  });
});

describe('reviewEdit', () => {
  const line = (oldText: string, newArgs: string[]) => ({
    oldText,
    oldArgs: oldText.split(' ').slice(2),
    newArgs,
    changes: [],
  });

  it('says nothing about a line with no clock arguments', () => {
    const warnings: string[] = [];
    const plan = { index: 0, release: '5.4', params: ['notsc'] };
    reviewEdit(
      0,
      line('kernel /vmlinuz ro quiet', ['ro', 'quiet', 'notsc']),
      plan,
      facts('5.4'),
      warnings,
    );
    expect(warnings).toEqual([]);
  });

  it('names what contradicts the added parameters and what is a hazard on the kernel', () => {
    const warnings: string[] = [];
    const plan = { index: 2, release: '4.8', params: ['notsc'] };
    const text = 'kernel /vmlinuz ro clock=tsc clocksource=acpi_pm';
    reviewEdit(
      2,
      line(text, ['ro', 'clock=tsc', 'clocksource=acpi_pm', 'notsc']),
      plan,
      facts('4.8'),
      warnings,
    );
    expect(warnings).toEqual([
      'entry 2: clock=tsc is already on the line: RHEL 4 x86_64 kernels (2.6.9) do not know clock= (only the 32-bit kernel does): use notsc',
      'entry 2: clocksource=acpi_pm is already on the line: RHEL 4 x86_64 kernels (2.6.9) know neither clocksource= nor clock=: use notsc to keep them off the TSC',
      'entry 2: clock=tsc contradicts notsc: it selects the TSC, which notsc disables',
    ]);
  });
});
