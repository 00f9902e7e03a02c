import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { copySample, outputsIn, runCli, SAMPLES, tempDir } from '../helpers/cli.js';

// Issue 10's "true messages and consistent reports", each seen in a trial,
// through the built CLI.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reports are checked field by field
type Report = Record<string, any>;

function conf(text: string): { dir: string; file: string } {
  const dir = tempDir('fcd-msg-');
  const file = path.join(dir, 'grub.conf');
  writeFileSync(file, text, 'latin1');
  return { dir, file };
}

const LINUX = 'title A\n\troot (hd0,0)\n\tkernel /vmlinuz-2.6.18-164.el5 ro root=LABEL=/\n';
const FACTS = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

describe('a flag whose value is missing', () => {
  it.each([
    [['--output', '--dry-run'], '--output needs a value, but the next word is the flag --dry-run'],
    [['--grub-conf', '--json'], '--grub-conf needs a value, but the next word is the flag --json'],
    [['--release', '-x'], '--release needs a value, but the next word is the flag -x'],
  ])('%j is a usage error, and nothing is written', (args, message) => {
    const { dir, file } = conf(LINUX);
    const r = runCli([...FACTS, '--grub-conf', file, ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(outputsIn(dir)).toEqual([]);
  });

  it('- stays stdout for --output', () => {
    const r = runCli([...FACTS, '--grub-conf', conf(LINUX).file, '--output', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('notsc lpj=2394000');
  });
});

describe('--json always answers in JSON', () => {
  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['--release', 'five'], '--release'],
    [['--pvclock', '--no-pvclock'], '--pvclock and --no-pvclock together'],
    [['--release', '5'], '5 names no minor release'],
  ])('%j', (args, message) => {
    const r = runCli([...args, '--json']);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep).toMatchObject({ tool: 'fix-clock-drift', exitCode: 2 });
    expect(rep.error).toContain(message);
  });

  it('--list-rules --json gives the sets and their rows as data, and the kernel table', () => {
    const r = runCli(['--list-rules', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.ruleSets.map((s: Report) => s.name)).toEqual([
      'rhev-3.4',
      'rhel6-guide',
      'vmware-kb-1006427',
    ]);
    expect(rep.ruleSets[0].rows[1]).toMatchObject({
      release: '5.4',
      arch: 'x86_64',
      pvclock: 'no',
      params: ['notsc', 'lpj=n'],
    });
    expect(rep.kernelTable.covers).toContain('RHEL 3.0 to 3.9 (2.4.21-4 to -50)');
    expect(rep.kernelTable.covers).toContain('RHEL 7.0 to 7.9 (3.10.0-123 to -1160)');
  });

  it('the GRUB and boot.ini reports share version and kind', () => {
    const grub = JSON.parse(
      runCli([...FACTS, '--grub-conf', conf(LINUX).file, '--json', '--dry-run']).stdout,
    );
    const { root } = copySample('windows-xp');
    const ini = JSON.parse(runCli(['--root', root, '--json', '--dry-run']).stdout);
    for (const r of [grub, ini])
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['tool', 'version', 'kind', 'input', 'outcome', 'exitCode']),
      );
    expect([grub.kind, ini.kind]).toEqual(['grub', 'boot.ini']);
  });
});

describe('what is said is what happened', () => {
  it('entries left alone for a reason other than "already there": said, exit 1', () => {
    const { dir, file } = conf('title Q\n\tkernel /vmlinuz-2.6.18-164.el5 ro quiet="x\n');
    const r = runCli([...FACTS, '--grub-conf', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Every selected entry already has');
    expect(r.stdout).toContain('No entry could be edited');
    expect(outputsIn(dir)).toEqual([]);
  });

  it('no entry that boots Linux: said, exit 1', () => {
    const r = runCli([
      ...FACTS,
      '--grub-conf',
      conf('default=0\ntitle Windows\n\trootnoverify (hd0,1)\n\tchainloader +1\n').file,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /has no entry that boots a Linux kernel \(entry 0 "Windows": chainloader \+1\)/,
    );
  });

  it('Parameters and params show what is written; the rule keeps its template', () => {
    const r = runCli([
      '--rules',
      'vmware-kb-1006427',
      '--release',
      '5.2',
      '--arch',
      'i686',
      '--grub-conf',
      conf(LINUX.replace('164', '92')).file,
      '--dry-run',
      '--json',
    ]);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.rule.params).toEqual(['divider=10', 'clocksource=acpi_pm']);
    expect(rep.params).toEqual(['clocksource=acpi_pm']);
    const prose = runCli([
      '--rules',
      'vmware-kb-1006427',
      '--release',
      '5.2',
      '--arch',
      'i686',
      '--grub-conf',
      conf(LINUX.replace('164', '92')).file,
      '--dry-run',
      '--explain',
    ]).stdout;
    expect(prose).toContain('Parameters: clocksource=acpi_pm\n');
    expect(prose).not.toMatch(/^ {2}divider=10/m);
  });

  it('"kvm-clock assumed absent" only where the row depends on it, and once for many entries', () => {
    const two = conf(LINUX + LINUX.replace('title A', 'title B'));
    const r48 = JSON.parse(
      runCli(['--release', '4.8', '--arch', 'i686', '--grub-conf', two.file, '--dry-run', '--json'])
        .stdout,
    );
    expect(r48.warnings.join('\n')).not.toContain('kvm-clock assumed absent');
    const per = JSON.parse(
      runCli([
        '--per-entry',
        '--arch',
        'x86_64',
        '--lpj',
        '2394000',
        '--grub-conf',
        two.file,
        '--dry-run',
        '--json',
      ]).stdout,
    );
    const assumed = per.warnings.filter((w: string) => w.includes('kvm-clock assumed absent'));
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatch(/^entries 0, 1: kvm-clock assumed absent/);
  });

  it('a symlinked /etc/grub.conf: outputs beside its target, every step names the target', () => {
    const { root } = copySample('rhel5.4-i686-nokvmclock');
    // The sample has RHEL's own link; it is made here only where a copy lacks it.
    const etc = path.join(root, 'etc/grub.conf');
    mkdirSync(path.dirname(etc), { recursive: true });
    if (!existsSync(etc)) symlinkSync('../boot/grub/grub.conf', etc);
    expect(lstatSync(etc).isSymbolicLink()).toBe(true);
    const r = runCli(['--root', root, '--grub-conf', etc, '--yes']);
    expect(r.code).toBe(0);
    const real = path.join(root, 'boot/grub/grub.conf');
    expect(r.stdout).toContain(`3. Install:  mv ${real}.kvm ${real}`);
    expect(outputsIn(path.join(root, 'etc'))).toEqual([]);
  });

  it('a second run on the same grub.conf finds its outputs current: nothing written, exit 0', () => {
    const { dir, file } = conf(LINUX);
    expect(runCli([...FACTS, '--grub-conf', file]).code).toBe(0);
    const before = readFileSync(path.join(dir, 'grub.conf.kvm.diff'));
    const again = runCli([...FACTS, '--grub-conf', file, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'current', written: false });
    expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff'))).toEqual(before);
    // Other parameters than those written before: refused without --force, as ever.
    const other = runCli([...FACTS.slice(0, -1), '2394001', '--grub-conf', file]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('already exists (move it away, or give --force)');
  });

  it('host-check --root on a missing or empty directory is a usage error', () => {
    expect(runCli(['host-check', '--root', '/nonexistent/fcd']).code).toBe(2);
    const empty = tempDir('fcd-empty-');
    const r = runCli(['host-check', '--root', empty, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toContain('the directory is empty');
  });

  it('NTP not installed: the advice installs it first', () => {
    const rep = JSON.parse(
      runCli(['--root', path.join(SAMPLES, 'rhel5.3-i686-crlf'), '--dry-run', '--json', '--yes'])
        .stdout,
    );
    expect(rep.advice.join('\n')).toContain(
      'on the guest: yum install ntp; chkconfig ntpd on; service ntpd start',
    );
  });

  it('kvm-clock with a release before 5.4: said once, and only there', () => {
    const w = (release: string): string =>
      JSON.parse(
        runCli([
          '--release',
          release,
          '--arch',
          'x86_64',
          '--pvclock',
          '--grub-conf',
          conf(LINUX).file,
          '--dry-run',
          '--json',
        ]).stdout,
      ).warnings.join('\n');
    expect(w('5.3')).toContain(
      'kvm-clock (from --pvclock) with release 5.3: only RHEL 5.4 and later fully support the paravirtualized clock',
    );
    expect(w('5.4')).not.toContain('only RHEL 5.4 and later');
  });
});
