import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KERNEL_TABLE_SOURCE } from '../../src/rules/kernel-release.js';
import { RULE_SETS } from '../../src/rules/registry.js';
import { copySample, outputsIn, REPO, runCli, tempDir } from '../helpers/cli.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }
).version;

describe('usage errors exit 2 with one line naming the flag and what is valid', () => {
  const cases: [string[], RegExp][] = [
    [['--release', 'abc'], /--release.*'abc'.*MAJOR\.MINOR/],
    [['--release', '5.4.x'], /--release.*MAJOR\.MINOR/],
    [['--release', '5.4.1'], /--release.*MAJOR\.MINOR/],
    [['--arch', 'sparc'], /--arch.*'sparc'.*x86_64.*i686/],
    [['--lpj', '-5'], /--lpj.*whole number/],
    [['--lpj', '0'], /--lpj.*whole number/],
    [['--lpj', '1e9'], /--lpj.*whole number/],
    [['--lpj', '99999999999'], /--lpj.*4294967295/],
    [['--entries', 'some'], /--entries.*all, default/],
    [['--params', 'notsc lpj=n'], /--params.*lpj=n is not a loops-per-jiffy value/],
    [['--params', ''], /--params.*one or more/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['extra-argument'], /too many arguments|unknown command|excess/i],
    [['--output', '-', '--json'], /--output - and --json/],
  ];
  it.each(cases)('%j', (args, message) => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli(['--release', '5.4', '--arch', 'x86_64', '--grub-conf', grubConf, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(outputsIn(path.dirname(grubConf))).toEqual([]);
  });

  it('names the missing facts when release and arch are not given', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli(['--grub-conf', grubConf]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--release X\.Y.*--arch/);
  });

  it('--entries past the last entry is a usage error listing the valid numbers', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--grub-conf',
      grubConf,
      '--entries',
      '99',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--entries 99: .* has 4 entries, numbered 0 to 3/);
  });

  it('--entries on a chainloader entry is refused', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--grub-conf',
      grubConf,
      '--entries',
      '3',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/entry 3 "Windows Server 2003" boots no Linux kernel/);
  });
});

describe('help and version', () => {
  it('--help lists every flag and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--root',
      '--grub-conf',
      '--output',
      '--diff',
      '--release',
      '--arch',
      '--pvclock',
      '--no-pvclock',
      '--lpj',
      '--no-lpj',
      '--entries',
      '--params',
      '--dry-run',
      '--json',
      '--force',
      '--yes',
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('--version prints the package version, then each rule set with its source', () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    const [first, ...rest] = r.stdout.trimEnd().split('\n');
    expect(first).toBe(`fix-clock-drift ${PACKAGE_VERSION}`);
    expect(rest).toEqual([
      ...RULE_SETS.map((s, i) => `${i === 0 ? 'rules: ' : '       '}${s.name} (${s.source})`),
      `kernels: ${KERNEL_TABLE_SOURCE}`,
    ]);
  });
});

describe('entry selection and --params', () => {
  it('--entries default edits only the entry default= points at', () => {
    const { grubConf } = copySample('rhel4.8-i686');
    const r = runCli([
      '--release',
      '4.8',
      '--arch',
      'i686',
      '--grub-conf',
      grubConf,
      '--entries',
      'default',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.entries.map((e: { changed: boolean }) => e.changed)).toEqual([false, true, false]);
  });

  it('--entries 0,2 edits those two', () => {
    const { grubConf } = copySample('rhel4.8-i686');
    const rep = JSON.parse(
      runCli([
        '--release',
        '4.8',
        '--arch',
        'i686',
        '--grub-conf',
        grubConf,
        '--entries',
        '0,2',
        '--json',
      ]).stdout,
    );
    expect(rep.entries.map((e: { changed: boolean }) => e.changed)).toEqual([true, false, true]);
  });

  it('warns about arguments that contradict the result', () => {
    const { grubConf } = copySample('rhel4.8-i686');
    const rep = JSON.parse(
      runCli([
        '--release',
        '4.8',
        '--arch',
        'x86_64',
        '--grub-conf',
        grubConf,
        '--json',
        '--dry-run',
      ]).stdout,
    );
    expect(rep.params).toEqual(['notsc']);
    expect(rep.warnings.join('\n')).toMatch(/entry 2: clock=tsc contradicts notsc/);
  });

  it('replaces a same-name argument in place and reports it', () => {
    const { grubConf } = copySample('rhel4.8-i686');
    const rep = JSON.parse(
      runCli(['--release', '4.8', '--arch', 'i686', '--grub-conf', grubConf, '--json', '--dry-run'])
        .stdout,
    );
    expect(rep.entries[2].newArgs).toEqual(['ro', 'root=LABEL=/', 'rhgb', 'quiet', 'clock=pmtmr']);
    expect(rep.warnings.join('\n')).toMatch(/entry 2: replaced clock=tsc with clock=pmtmr/);
  });

  it('--params uses exactly the given parameters without release or arch', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const rep = JSON.parse(
      runCli(['--grub-conf', grubConf, '--params', 'notsc divider=10', '--json', '--dry-run'])
        .stdout,
    );
    // What is written: divider= can panic every kernel this guest boots (RHEL 5.3 and 5.4).
    expect(rep.params).toEqual(['notsc']);
    expect(rep.warnings.join('\n')).toMatch(
      /entry 2: divider=10 not added to kernel 2\.6\.18-128\.el5 \(RHEL 5\.3\)/,
    );
    expect(rep.rule).toMatchObject({ set: null, source: '--params' });
  });
});

describe('inputs that are not regular files', () => {
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'grub.conf');
    execFileSync('mkfifo', [fifo]);
    const r = runCli(['--release', '5.4', '--arch', 'x86_64', '--grub-conf', fifo], {
      timeout: 10_000,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /grub\.conf: it is a pipe, not a regular file \(save it to a file first and give that with --grub-conf\)/,
    );
  });
});
