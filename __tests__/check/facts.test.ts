import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { collect, makeRoot, removeTemps, setup, type Setup } from '../collector/helpers.js';
import { runCli, tempDir } from '../helpers/cli.js';

// check --facts BUNDLE: the running guest as its collector printed it after
// the reboot (the Ansible role's check), read as check --ssh reads it.

const ARGS = 'ro root=/dev/VolGroup00/LogVol00 rhgb quiet clocksource=acpi_pm lpj=2394132';
const SYSFS = 'sys/devices/system/clocksource/clocksource0';

function running(cmdline: string): Record<string, string | { link: string }> {
  return {
    'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.4 (Tikanga)\n',
    'boot/grub/grub.conf': [
      'default=0',
      'timeout=5',
      'title Red Hat Enterprise Linux Server (2.6.18-164.el5)',
      '\troot (hd0,0)',
      `\tkernel /vmlinuz-2.6.18-164.el5 ${ARGS}`,
      '\tinitrd /initrd-2.6.18-164.el5.img',
      '',
    ].join('\n'),
    'proc/cmdline': `${cmdline}\n`,
    'proc/1/stat': '1 (init) S 0 1 1\n',
    'proc/2861/stat': '2861 (ntpd) S 1 2861 2861\n',
    [`${SYSFS}/available_clocksource`]: 'acpi_pm jiffies tsc pit\n',
    [`${SYSFS}/current_clocksource`]: 'acpi_pm\n',
    'etc/rc.d/init.d/ntpd': '#!/bin/bash\n',
    'usr/sbin/ntpd': 'ELF',
    'etc/rc.d/rc3.d/S58ntpd': { link: '../init.d/ntpd' },
  };
}

let s: Setup;
beforeAll(async () => {
  s = await setup();
  // Booted on acpi_pm: the shared fake dmesg's kvm-clock line would say otherwise.
  writeFileSync(
    path.join(s.bin, 'dmesg'),
    "#!/bin/sh\necho 'Linux version 2.6.18-164.el5 (mockbuild@builder10.centos.org)'\n",
  );
});
afterAll(removeTemps);

async function bundleOf(cmdline: string): Promise<string> {
  const out = collect(s, ['dash'], await makeRoot(running(cmdline)));
  expect(out.status).toBe(0);
  const file = path.join(tempDir('fcd-check-facts-'), 'g1.facts');
  writeFileSync(file, out.stdout);
  return file;
}

describe('check --facts', () => {
  it('holds when the bundle shows the kernel booted with the parameters, on their clock, ntpd running', async () => {
    const r = runCli(['check', '--facts', await bundleOf(ARGS), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ command: 'check', guest: 'Linux', holds: true, exitCode: 0 });
    expect(report.findings.map((f: { id: string; status: string }) => [f.id, f.status])).toEqual([
      ['cmdline', 'ok'],
      ['clocksource', 'ok'],
      ['ntp', 'ok'],
    ]);
    expect(report.findings[0].evidence[0].source).toBe('Linux:/proc/cmdline');
  });

  it('fails, naming the parameter, when the running kernel lacks one', async () => {
    const r = runCli(['check', '--facts', await bundleOf(ARGS.replace(/ lpj=\d+$/, ''))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[FAIL\] cmdline: the running kernel lacks lpj=2394132/);
  });

  it('refuses a bundle without /proc/cmdline, and --facts with --ssh', async () => {
    const root = await makeRoot({ ...running(ARGS), 'proc/cmdline': '' });
    const out = collect(s, ['dash'], root);
    const file = path.join(tempDir('fcd-check-facts-'), 'g2.facts');
    writeFileSync(file, out.stdout);
    const r = runCli(['check', '--facts', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: check needs the running guest: the bundle .*g2\.facts of Linux gave no \/proc\/cmdline/,
    );
    const both = runCli(['check', '--facts', file, '--ssh', 'g']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--facts and --ssh name two guests/);
  });
});
