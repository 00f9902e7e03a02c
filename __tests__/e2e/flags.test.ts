import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { applyWithPatch, copySample, outputsIn, runCli } from '../helpers/cli.js';

const FLAGS_54 = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

describe('flag mode on a RHEL 5.4 x86_64 sample', () => {
  it('writes grub.conf.kvm and its diff beside grub.conf, leaves grub.conf alone, and patch reproduces the output', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const before = readFileSync(grubConf);
    const mtime = statSync(grubConf).mtimeMs;
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(grubConf)).toEqual(before);
    expect(statSync(grubConf).mtimeMs).toBe(mtime);
    const out = readFileSync(`${grubConf}.kvm`, 'latin1');
    expect(out).toContain(
      '\tkernel /vmlinuz-2.6.18-164.2.1.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet notsc lpj=2394000\n',
    );
    // Xen: the hypervisor line is untouched, the Linux module line gets the parameters.
    expect(out).toContain('\tkernel /xen.gz-2.6.18-164.2.1.el5\n');
    expect(out).toContain(
      '\tmodule /vmlinuz-2.6.18-164.2.1.el5xen ro root=/dev/VolGroup00/LogVol00 rhgb quiet notsc lpj=2394000\n',
    );
    expect(out).toContain('title Windows Server 2003\n\trootnoverify (hd0,1)\n\tchainloader +1\n');
    expect(applyWithPatch(grubConf, `${grubConf}.kvm.diff`)).toEqual(
      readFileSync(`${grubConf}.kvm`),
    );
    // The diff printed on stdout is the diff file.
    expect(r.stdout).toContain(readFileSync(`${grubConf}.kvm.diff`, 'latin1'));
    expect(statSync(`${grubConf}.kvm`).mode & 0o777).toBe(0o600);
    expect(statSync(`${grubConf}.kvm.diff`).mode & 0o777).toBe(0o600);
  });

  it('is a no-op on its own output', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    expect(runCli([...FLAGS_54, '--grub-conf', grubConf]).code).toBe(0);
    const second = runCli([...FLAGS_54, '--grub-conf', `${grubConf}.kvm`, '--json']);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.changed).toBe(false);
    expect(report.outcome).toBe('unchanged');
    expect(existsSync(`${grubConf}.kvm.kvm`)).toBe(false);
  });

  it('keeps the permission bits of grub.conf', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    chmodSync(grubConf, 0o640);
    expect(runCli([...FLAGS_54, '--grub-conf', grubConf]).code).toBe(0);
    expect(statSync(`${grubConf}.kvm`).mode & 0o777).toBe(0o640);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the report is checked field by field below
function json(r: { stdout: string }): Record<string, any> {
  return JSON.parse(r.stdout);
}

describe('--json report', () => {
  it('gives facts, params, rule with its source, entries and outputs', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf, '--json']);
    expect(r.code).toBe(0);
    const rep = json(r);
    expect(rep.facts).toMatchObject({
      release: '5.4',
      arch: 'x86_64',
      pvclock: false,
      lpj: 2394000,
    });
    expect(rep.facts.sources.release.source).toBe('--release');
    expect(rep.params).toEqual(['notsc', 'lpj=2394000']);
    expect(rep.rule).toMatchObject({
      set: 'rhev-3.4',
      row: 2,
      source: 'RHEV 3.4 Administration Guide 9.16.3',
      match: 'exact',
      params: ['notsc', 'lpj=n'],
    });
    expect(rep.changed).toBe(true);
    expect(rep.written).toBe(true);
    expect(rep.output).toBe(`${grubConf}.kvm`);
    expect(rep.diff).toBe(`${grubConf}.kvm.diff`);
    expect(rep.warnings).toEqual([]);
    expect(rep.entries).toHaveLength(4);
    expect(rep.entries[0]).toMatchObject({
      index: 0,
      title: 'Red Hat Enterprise Linux Server (2.6.18-164.2.1.el5)',
      kind: 'linux',
      oldArgs: ['ro', 'root=/dev/VolGroup00/LogVol00', 'rhgb', 'quiet'],
      newArgs: ['ro', 'root=/dev/VolGroup00/LogVol00', 'rhgb', 'quiet', 'notsc', 'lpj=2394000'],
      changed: true,
    });
    expect(rep.entries[1]).toMatchObject({
      kind: 'multiboot',
      hypervisor: '/xen.gz-2.6.18-164.2.1.el5',
      changed: true,
    });
    expect(rep.entries[3]).toMatchObject({ kind: 'none', changed: false, oldArgs: null });
    expect(rep.entries[3].leftAlone).toMatch(/chainloader/);
    expect(rep.patch).toBe(readFileSync(`${grubConf}.kvm.diff`, 'utf8'));
  });
});

describe('the seed table through the CLI', () => {
  const rows: [string, string, string, string[]][] = [
    ['5.4', 'x86_64', '--pvclock', []],
    ['5.4', 'x86_64', '--no-pvclock', ['notsc', 'lpj=2394000']],
    ['5.4', 'i686', '--pvclock', []],
    ['5.4', 'i686', '--no-pvclock', ['clocksource=acpi_pm', 'lpj=2394000']],
    ['5.3', 'x86_64', '--no-pvclock', ['notsc']],
    ['5.3', 'i386', '--no-pvclock', ['clocksource=acpi_pm']],
    ['4.8', 'amd64', '--no-pvclock', ['notsc']],
    ['4.8', 'x86', '--no-pvclock', ['clock=pmtmr']],
    ['3.9', 'x86_64', '--no-pvclock', []],
    ['3.9', 'i586', '--no-pvclock', []],
  ];
  it.each(rows)('%s %s %s gives exactly its parameters', (release, arch, pv, params) => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([
      '--release',
      release,
      '--arch',
      arch,
      pv,
      '--lpj',
      '2394000',
      '--grub-conf',
      grubConf,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rep = json(r);
    expect(rep.params).toEqual(params);
    expect(rep.rule.match).toBe('exact');
    if (params.length === 0) {
      expect(rep.changed).toBe(false);
      expect(rep.outcome).toBe('no-params');
      expect(outputsIn(path.dirname(grubConf))).toEqual([]);
    } else {
      expect(rep.changed).toBe(true);
      expect(rep.entries[0].newArgs.slice(-params.length)).toEqual(params);
    }
  });

  it('says in prose that no parameters are needed and writes nothing', () => {
    const { grubConf } = copySample('rhel3.9-i686');
    const r = runCli(['--release', '3.9', '--arch', 'i686', '--grub-conf', grubConf]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No additional kernel parameters are needed/);
    expect(outputsIn(path.dirname(grubConf))).toEqual([]);
  });

  it('extrapolates 5.9 from the 5.4 row and says so', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const rep = json(
      runCli([
        '--release',
        '5.9',
        '--arch',
        'x86_64',
        '--no-pvclock',
        '--lpj',
        '2394000',
        '--grub-conf',
        grubConf,
        '--json',
      ]),
    );
    expect(rep.rule).toMatchObject({ row: 2, match: 'extrapolated' });
    expect(rep.warnings.join('\n')).toMatch(/5\.9 has no row of its own.*row 2/);
  });

  it('extrapolates 4.2 upwards from the 4.8 row', () => {
    const { grubConf } = copySample('rhel4.8-i686');
    const rep = json(
      runCli([
        '--release',
        '4.2',
        '--arch',
        'i686',
        '--grub-conf',
        grubConf,
        '--json',
        '--dry-run',
      ]),
    );
    expect(rep.rule).toMatchObject({ row: 8, match: 'extrapolated' });
    expect(rep.params).toEqual(['clock=pmtmr']);
  });

  it.each([
    ['6.2', ['--rules', 'rhev-3.4']],
    ['7.0', []],
    ['2.1', []],
  ])('release %s %j has no row: exit 1 suggesting --params, nothing written', (release, extra) => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([
      '--release',
      release,
      '--arch',
      'x86_64',
      '--no-pvclock',
      '--grub-conf',
      grubConf,
      ...extra,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no rule for RHEL .*--params/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(outputsIn(path.dirname(grubConf))).toEqual([]);
  });

  it('answers RHEL 6 from the RHEL 6 guide behind the seed table', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const rep = json(
      runCli([
        '--release',
        '6.0',
        '--arch',
        'x86_64',
        '--no-pvclock',
        '--lpj',
        '2394000',
        '--grub-conf',
        grubConf,
        '--json',
        '--dry-run',
      ]),
    );
    expect(rep.rule).toMatchObject({
      set: 'rhel6-guide',
      match: 'exact',
      params: ['notsc', 'lpj=n'],
    });
    expect(rep.params).toEqual(['notsc', 'lpj=2394000']);
  });

  it('leaves lpj out with a warning when no value is known, and never writes lpj=n', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--no-pvclock',
      '--grub-conf',
      grubConf,
      '--json',
    ]);
    const rep = json(r);
    expect(rep.params).toEqual(['notsc']);
    expect(rep.warnings.join('\n')).toMatch(/lpj left out.*--lpj N/);
    expect(readFileSync(`${grubConf}.kvm`, 'latin1')).not.toMatch(/lpj=/);
  });

  it('--no-lpj leaves lpj out without a warning', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const rep = json(
      runCli([
        '--release',
        '5.4',
        '--arch',
        'x86_64',
        '--no-pvclock',
        '--no-lpj',
        '--grub-conf',
        grubConf,
        '--json',
      ]),
    );
    expect(rep.params).toEqual(['notsc']);
    expect(rep.warnings).toEqual([]);
  });

  it('assumes no kvm-clock when nothing tells, and says so', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const rep = json(
      runCli([
        '--release',
        '5.4',
        '--arch',
        'x86_64',
        '--lpj',
        '2394000',
        '--grub-conf',
        grubConf,
        '--json',
      ]),
    );
    expect(rep.params).toEqual(['notsc', 'lpj=2394000']);
    expect(rep.warnings.join('\n')).toMatch(/kvm-clock assumed absent/);
  });
});

describe('outputs', () => {
  it('--dry-run prints the diff and writes nothing', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '+\tkernel /vmlinuz-2.6.18-164.2.1.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet notsc lpj=2394000',
    );
    expect(r.stdout).toMatch(/Dry run: nothing written/);
    expect(outputsIn(path.dirname(grubConf))).toEqual([]);
  });

  it('--output - prints the config on stdout and writes nothing else', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf, '--output', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rhgb quiet notsc lpj=2394000\n');
    expect(r.stdout.startsWith('# grub.conf generated by anaconda')).toBe(true);
    expect(r.stderr).toMatch(/went to stdout/);
    expect(outputsIn(path.dirname(grubConf))).toEqual([]);
  });

  it('--output and --diff choose where files go', () => {
    const { root, grubConf } = copySample('rhel5.4-x86_64');
    mkdirSync(path.join(root, 'out'));
    const out = path.join(root, 'out/new.conf');
    const diff = path.join(root, 'out/changes.patch');
    expect(
      runCli([...FLAGS_54, '--grub-conf', grubConf, '--output', out, '--diff', diff]).code,
    ).toBe(0);
    expect(applyWithPatch(grubConf, diff)).toEqual(readFileSync(out));
  });

  it('refuses to replace an existing output without --force, and replaces it with --force', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    writeFileSync(`${grubConf}.kvm`, 'old');
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/grub\.conf\.kvm: it already exists .*--force/);
    expect(readFileSync(`${grubConf}.kvm`, 'utf8')).toBe('old');
    expect(existsSync(`${grubConf}.kvm.diff`)).toBe(false);
    expect(runCli([...FLAGS_54, '--grub-conf', grubConf, '--force']).code).toBe(0);
    expect(readFileSync(`${grubConf}.kvm`, 'latin1')).toMatch(/notsc lpj=2394000/);
  });

  it('refuses to write through a symlink, even with --force', () => {
    const { root, grubConf } = copySample('rhel5.4-x86_64');
    const victim = path.join(root, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${grubConf}.kvm`);
    const r = runCli([...FLAGS_54, '--grub-conf', grubConf, '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(outputsIn(path.dirname(grubConf))).toEqual(['grub.conf.kvm']);
  });

  it('reproduces a CRLF config with tabs, a latin1 byte and no final newline through patch', () => {
    const { grubConf } = copySample('rhel5.3-i686-crlf');
    const r = runCli(['--release', '5.3', '--arch', 'i686', '--grub-conf', grubConf]);
    expect(r.code).toBe(0);
    const out = readFileSync(`${grubConf}.kvm`);
    expect(out.toString('latin1')).toContain(
      '\tkernel /vmlinuz-2.6.18-128.el5PAE ro root=/dev/VolGroup00/LogVol00 rhgb quiet  clocksource=acpi_pm\r\n',
    );
    expect(out.toString('latin1')).toContain(
      '\tkernel\t/vmlinuz-2.6.18-128.el5\tro\troot=/dev/VolGroup00/LogVol00 clocksource=acpi_pm\r\n',
    );
    expect(out.includes(Buffer.from('Ren\xe9', 'latin1'))).toBe(true);
    expect(out.subarray(-5).toString('latin1')).toBe('5.img');
    expect(applyWithPatch(grubConf, `${grubConf}.kvm.diff`)).toEqual(out);
  });

  it('finds <root>/boot/grub/grub.conf, else menu.lst, under --root', () => {
    const { root, grubConf } = copySample('rhel4.8-i686');
    expect(runCli(['--root', root, '--release', '4.8', '--arch', 'i686']).code).toBe(0);
    expect(existsSync(`${grubConf}.kvm`)).toBe(true);
    const { root: root2, grubConf: conf2 } = copySample('rhel4.8-i686');
    const menu = path.join(path.dirname(conf2), 'menu.lst');
    const content = readFileSync(conf2);
    rmSync(menu, { force: true }); // RHEL's menu.lst is a symlink to grub.conf
    rmSync(conf2);
    writeFileSync(menu, content);
    expect(runCli(['--root', root2, '--release', '4.8', '--arch', 'i686']).code).toBe(0);
    expect(existsSync(`${menu}.kvm`)).toBe(true);
  });
});
