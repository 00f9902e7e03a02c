import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, copySample, runCli, tempDir } from '../helpers/cli.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reports are checked field by field
type Report = Record<string, any>;
const json = (args: string[]): Report => {
  const r = runCli([...args, '--json']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
};

const MIXED = `default=0
timeout=5
title RHEL (2.6.18-164.el5)
\troot (hd0,0)
\tkernel /vmlinuz-2.6.18-164.el5 ro root=LABEL=/
title RHEL (2.6.18-128.el5)
\troot (hd0,0)
\tkernel /vmlinuz-2.6.18-128.el5 ro root=LABEL=/
title RHEL (2.6.18-194.8.1.el5)
\troot (hd0,0)
\tkernel /vmlinuz-2.6.18-194.8.1.el5 ro root=LABEL=/
title Custom kernel
\troot (hd0,0)
\tkernel /vmlinuz-custom ro root=LABEL=/
`;

function mixedConf(): string {
  const dir = tempDir();
  const file = path.join(dir, 'grub.conf');
  writeFileSync(file, MIXED);
  return file;
}

describe('rule sets', () => {
  it('--list-rules names every set with its source', () => {
    const r = runCli(['--list-rules']);
    expect(r.code).toBe(0);
    for (const s of [
      'rhev-3.4',
      'rhel6-guide',
      'vmware-kb-1006427',
      'RHEV 3.4 Administration Guide 9.16.3',
      'VMware KB 1006427',
    ])
      expect(r.stdout).toContain(s);
  });

  it('--rules with an unknown name is a usage error listing the sets', () => {
    const r = runCli([
      '--rules',
      'nope',
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--grub-conf',
      mixedConf(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rules nope: .*rhev-3\.4, rhel6-guide, vmware-kb-1006427/);
  });

  it('--rules rhel6-guide answers 5.4 with its own row', () => {
    const rep = json([
      '--rules',
      'rhel6-guide',
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--pvclock',
      '--grub-conf',
      mixedConf(),
      '--dry-run',
    ]);
    expect(rep.rule).toMatchObject({ set: 'rhel6-guide', match: 'exact', params: ['notsc'] });
  });

  it('never adds divider=10 where it panics the kernel, and says why', () => {
    const rep = json([
      '--rules',
      'vmware-kb-1006427',
      '--release',
      '5.2',
      '--arch',
      'i686',
      '--grub-conf',
      mixedConf(),
      '--dry-run',
    ]);
    expect(rep.rule.params).toEqual(['divider=10', 'clocksource=acpi_pm']);
    for (const e of rep.entries) expect(e.newArgs).not.toContain('divider=10');
    expect(rep.warnings.join('\n')).toMatch(
      /divider=10 not added to kernel 2\.6\.18-164\.el5 \(RHEL 5\.4\): .*BZ 698842/,
    );
  });

  it('uses the VMware table for a guest detected on VMware, and says so', () => {
    const { root } = copySample('rhel5.3-i686-crlf');
    mkdirSync(path.join(root, 'sys/class/dmi/id'), { recursive: true });
    writeFileSync(path.join(root, 'sys/class/dmi/id/sys_vendor'), 'VMware, Inc.\n');
    const rep = json(['--root', root, '--release', '5.0', '--arch', 'i686', '--dry-run']);
    expect(rep.rule).toMatchObject({ set: 'vmware-kb-1006427', params: ['clocksource=acpi_pm'] });
    expect(rep.ruleNote).toMatch(/runs on VMware .*: the KVM tables do not apply/);
  });
});

describe('--per-entry', () => {
  it('decides each entry from the release of its kernel and leaves unmappable kernels alone', () => {
    const rep = json([
      '--per-entry',
      '--arch',
      'x86_64',
      '--no-pvclock',
      '--lpj',
      '2394000',
      '--grub-conf',
      mixedConf(),
      '--dry-run',
    ]);
    expect(rep.perEntry).toBe(true);
    const [e0, e1, e2, e3] = rep.entries;
    expect(e0).toMatchObject({
      kernel: '2.6.18-164.el5',
      release: '5.4',
      params: ['notsc', 'lpj=2394000'],
    });
    expect(e0.rule).toMatchObject({ set: 'rhev-3.4', row: 2 });
    expect(e1).toMatchObject({ kernel: '2.6.18-128.el5', release: '5.3', params: ['notsc'] });
    expect(e1.rule).toMatchObject({ row: 5 });
    expect(e2).toMatchObject({ release: '5.5', params: ['notsc', 'lpj=2394000'] });
    expect(e3).toMatchObject({ changed: false, params: [] });
    expect(e3.leftAlone).toMatch(/cannot be mapped to a RHEL release/);
  });
});

describe('hazards already on the line', () => {
  it('warns about divider=10 on a RHEL 4 kernel', () => {
    const file = mixedConf();
    writeFileSync(file, 'title x\n\tkernel /vmlinuz-2.6.9-89.EL ro divider=10\n');
    const rep = json(['--release', '4.8', '--arch', 'i686', '--grub-conf', file, '--dry-run']);
    expect(rep.warnings.join('\n')).toMatch(/divider=10 is already on the line: .*panic/);
  });

  it('warns about clocksource= on a RHEL 4 kernel', () => {
    const file = mixedConf();
    writeFileSync(file, 'title x\n\tkernel /vmlinuz-2.6.9-89.EL ro clocksource=acpi_pm\n');
    const rep = json(['--release', '4.8', '--arch', 'i686', '--grub-conf', file, '--dry-run']);
    expect(rep.warnings.join('\n')).toMatch(
      /clocksource=acpi_pm is already on the line: RHEL 4 kernels .* know only clock=/,
    );
  });
});

describe('--explain', () => {
  it('says what each parameter does, which row asked for it, and which facts chose the row', () => {
    const r = runCli([
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--no-pvclock',
      '--lpj',
      '2394000',
      '--grub-conf',
      mixedConf(),
      '--dry-run',
      '--explain',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/notsc .*\n\s+what it does: .*Time Stamp Counter/);
    expect(r.stdout).toMatch(/asked for by: +RHEV 3\.4 Administration Guide 9\.16\.3, row 2/);
    expect(r.stdout).toMatch(
      /because: +release 5\.4 \(from --release\), arch x86_64 \(from --arch\), kvm-clock no \(from --no-pvclock\)/,
    );
    const rep = json([
      '--release',
      '5.4',
      '--arch',
      'x86_64',
      '--no-pvclock',
      '--lpj',
      '2394000',
      '--grub-conf',
      mixedConf(),
      '--dry-run',
      '--explain',
    ]);
    expect(rep.explain.map((e: Report) => e.param)).toEqual(['notsc', 'lpj=2394000']);
  });
});

describe('boot.ini', () => {
  it.each(['windows-xp', 'windows-2003'])(
    '%s: boot.ini.kvm and a diff patch reproduces; a second run changes nothing',
    (sample) => {
      const { root } = copySample(sample);
      const ini = path.join(root, 'boot.ini');
      const before = readFileSync(ini);
      const r = runCli(['--boot-ini', ini]);
      expect(r.code).toBe(0);
      expect(readFileSync(ini)).toEqual(before);
      const out = readFileSync(`${ini}.kvm`);
      expect(out.toString('latin1')).toMatch(/\/usepmtimer\r\n/);
      expect(applyWithPatch(ini, `${ini}.kvm.diff`)).toEqual(out);
      const again = JSON.parse(runCli(['--boot-ini', `${ini}.kvm`, '--json']).stdout);
      expect(again.changed).toBe(false);
    },
  );

  it('is found at the top of a Windows disk given as --root', () => {
    const { root } = copySample('windows-xp');
    const rep = json(['--root', root, '--dry-run']);
    expect(rep.kind).toBe('boot.ini');
    expect(readdirSync(root)).toEqual(['boot.ini']);
  });
});
