/**
 * The prose of a GRUB run (src/grub/text.ts) from made-up results: how facts
 * read (known, assumed, unknown, objects), the rule line, the outcome lines
 * a run can end with, and the administrator's steps.
 */
import type { DetectedFacts } from '../../src/facts/detect/types.js';
import type { Facts } from '../../src/facts/types.js';
import type { RunResult } from '../../src/grub/result.js';
import { factLines, nextSteps, originText, renderSummary } from '../../src/grub/text.js';
import { result as madeUp } from './results.js';
import type { ParamsOrigin } from '../../src/plan/types.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';

const FACTS: Facts = {
  release: { value: '5.4', source: '--release' },
  arch: { value: 'x86_64', source: 'bin/sh (ELF)' },
  pvclock: { value: undefined, source: 'no kvm-clock line found' },
  lpj: { value: 2394000, source: 'BogoMIPS', assumed: true, note: 'derived' },
};

const DETECTED = {
  distro: { value: 'rhel', source: 'etc/redhat-release' },
  clocksource: { value: 'tsc', source: 'sys/.../current_clocksource' },
  constantTsc: { value: false, source: 'proc/cpuinfo' },
  hypervisor: { value: 'kvm', source: 'dmi' },
  ntp: { value: { daemon: 'ntpd', enabled: true, gone: undefined }, source: 'etc/rc3.d' },
} as unknown as DetectedFacts;

/** A made-up run result with this file's facts. */
const result = (over: Partial<RunResult>): RunResult => madeUp({ facts: FACTS, ...over });

describe('factLines', () => {
  it('the decision facts: from a source, assumed, or unknown; then what detection found', () => {
    expect(factLines(FACTS, DETECTED)).toEqual([
      '  release       5.4        from --release',
      '  arch          x86_64     from bin/sh (ELF)',
      '  kvm-clock     unknown    no kvm-clock line found',
      '  lpj           2394000    assumed: BogoMIPS (derived)',
      '  system        rhel       from etc/redhat-release',
      '  clocksource   tsc        from sys/.../current_clocksource',
      '  constant_tsc  no         from proc/cpuinfo',
      '  hypervisor    kvm        from dmi',
      '  ntp           daemon ntpd, enabled yes from etc/rc3.d',
    ]);
    expect(factLines(FACTS)).toHaveLength(4);
  });
});

describe('originText', () => {
  const rule = (row: number, exact: boolean): ParamsOrigin =>
    ({
      kind: 'rule',
      match: { set: rhev34, row: rhev34.rows[row - 1], exact, reason: 'r' },
      template: [...(rhev34.rows[row - 1]?.params ?? [])],
    }) as ParamsOrigin;

  it('names the source, row, release, arch, kvm-clock condition, parameters and match', () => {
    expect(originText(rule(2, true))).toBe(
      'RHEV 3.4 Administration Guide 9.16.3, row 2: 5.4 x86_64 without kvm-clock -> notsc lpj=n (exact match)',
    );
    expect(originText(rule(1, false))).toBe(
      'RHEV 3.4 Administration Guide 9.16.3, row 1: 5.4 x86_64 with kvm-clock -> no additional parameters (extrapolated)',
    );
    expect(originText(undefined)).toBe('none consulted');
    expect(originText({ kind: 'params-flag' } as ParamsOrigin)).toBe(
      'none consulted: parameters given with --params',
    );
  });
});

describe('renderSummary', () => {
  it('no input file: the root heads it; no entries section; parameters none', () => {
    const s = renderSummary(result({ root: '/mnt/g', detectionSkipped: 'why' }));
    expect(s.before).toEqual([
      'fix-clock-drift: /mnt/g',
      '',
      'Guest facts:',
      ...factLines(FACTS),
      '  (detection skipped: why)',
      '',
      'Rule:       none consulted',
      'Parameters: none',
      '',
    ]);
  });

  it('a rule-set note, warnings and advice each get their block', () => {
    const s = renderSummary(
      result({ ruleNote: 'on VMware', warnings: ['w1'], advice: ['a1'], params: ['notsc'] }),
    );
    expect(s.before.slice(-10)).toEqual([
      'Rule set:   on VMware',
      'Rule:       none consulted',
      'Parameters: notsc',
      '',
      'Warnings:',
      '  ! w1',
      '',
      'Advice:',
      '  * a1',
      '',
    ]);
  });

  it.each([
    [
      'not-rhel',
      {},
      'Not a RHEL guest: the RHEL tables give no parameters; nothing written. (Give --release and --arch, or --params, to decide anyway.)',
    ],
    [
      'no-params',
      { clockUse: ['x'] },
      'No additional kernel parameters are needed for this guest, but it does not use its kvm-clock now and drifts: remove what the warnings name. Nothing written.',
    ],
    [
      'no-params',
      { warnings: ['entry 1 drifts today'] },
      'No additional kernel parameters are needed for this guest, but it does not use its kvm-clock now and drifts: remove what the warnings name. Nothing written.',
    ],
    [
      'no-params',
      { warnings: ['other'] },
      'No additional kernel parameters are needed for this guest: nothing written.',
    ],
    [
      'not-edited',
      {},
      'No entry could be edited: the entries that need parameters were left alone (see Entries and Warnings for why and what to do). Nothing written.',
    ],
    ['declined', {}, 'Nothing written: you chose not to write the files.'],
    ['ready', { output: '/o', diffPath: '/d' }, 'Ready to write /o and /d.'],
  ] as [RunResult['outcome'], Partial<RunResult>, string][])(
    'outcome %s',
    (outcome, over, line) => {
      expect(renderSummary(result({ outcome, ...over })).after).toEqual([line]);
    },
  );

  it('written: the mode and the real file behind a link, then the steps', () => {
    const r = result({
      outcome: 'written',
      root: '/mnt/g',
      inputPath: '/mnt/g/etc/grub.conf',
      input: { bytes: Buffer.alloc(0), mode: 0o100640, linkTarget: '/mnt/g/boot/grub/grub.conf' },
      output: '/mnt/g/boot/grub/grub.conf.kvm',
      diffPath: '/mnt/g/boot/grub/grub.conf.kvm.diff',
    } as Partial<RunResult>);
    const after = renderSummary(r).after;
    expect(after[0]).toBe(
      'Wrote /mnt/g/boot/grub/grub.conf.kvm and /mnt/g/boot/grub/grub.conf.kvm.diff (mode 0640, as /mnt/g/boot/grub/grub.conf).',
    );
    expect(after.slice(2)).toEqual(
      nextSteps(
        '/mnt/g/boot/grub/grub.conf',
        '/mnt/g/boot/grub/grub.conf.kvm',
        '/mnt/g/boot/grub/grub.conf.kvm.diff',
        '/mnt/g',
      ),
    );
  });
});

describe('nextSteps', () => {
  it('on the guest itself: back up, review, install, reboot, check', () => {
    expect(nextSteps('/boot/grub/grub.conf', '/boot/grub/grub.conf.kvm', '/d', '/')).toEqual([
      'Next steps (grub.conf has not been touched):',
      '  1. Back up:  cp -p /boot/grub/grub.conf /boot/grub/grub.conf.bak',
      '  2. Review:   less /d   (only the kernel lines listed above may differ)',
      '               diff /boot/grub/grub.conf /boot/grub/grub.conf.kvm',
      '  3. Install:  mv /boot/grub/grub.conf.kvm /boot/grub/grub.conf',
      '               or fix-clock-drift install   (checks the pair, backs up, renames)',
      '  4. Reboot:   reboot',
      '  5. Check:    cat /proc/cmdline   (on the guest after boot: the parameters are there)',
      '               or fix-clock-drift check   (the parameters, the clocksource, NTP)',
    ]);
  });

  it('on a mounted disk (a root that resolves elsewhere): unmount and boot the guest', () => {
    const mounted = nextSteps('/m/g', '/m/g.kvm', '/m/d', '/m/.');
    expect(mounted.slice(5, 7)).toEqual([
      '               or fix-clock-drift install --root /m/.   (checks the pair, backs up, renames)',
      '  4. Unmount the guest disk and boot the guest',
    ]);
    expect(mounted[8]).toBe(
      '               or fix-clock-drift check --ssh GUEST   (the parameters, the clocksource, NTP)',
    );
    expect(nextSteps('/g', '/g.kvm', '/d', '/tmp/..')[6]).toBe('  4. Reboot:   reboot');
    // Written elsewhere than beside grub.conf (--output): install would not find it, so mv only.
    expect(nextSteps('/g', '/o/g.kvm', '/d', '/').join('\n')).not.toContain(
      'fix-clock-drift install',
    );
  });
});
