import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from '../../src/grub/cmdline.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { defaultEntry } from '../../src/grub/select.js';
import { runCli } from '../helpers/cli.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';

// The whole story on live fake guests: a run writes grub.conf.kvm, install
// puts it in place, the guest "reboots" (the test writes what the kernel
// would show), and check says whether the parameters are in force.
const RHEL54 = '2.6.18-164.el5';
const RHEL48 = '2.6.9-89.EL';
const SYSFS = 'sys/devices/system/clocksource/clocksource0';

/** ntpd running: what the kernel shows in /proc for it and init. */
const PROCS = {
  'proc/1/stat': '1 (init) S 0 1 1\n',
  'proc/2861/stat': '2861 (ntpd) S 1 2861 2861\n',
};

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      {
        alias: 'g54',
        shell: 'busybox',
        sample: 'rhel5.4-i686-nokvmclock',
        uname: { r: RHEL54, m: 'i686' },
        files: PROCS,
      },
      {
        alias: 'cut54',
        shell: 'dash',
        sample: 'rhel5.4-i686-nokvmclock',
        uname: { r: RHEL54, m: 'i686' },
        files: PROCS,
      },
      {
        alias: 'g48',
        shell: 'busybox',
        sample: 'rhel4.8-i686',
        uname: { r: RHEL48, m: 'i686' },
        files: PROCS,
        dmesg: `Linux version ${RHEL48} (brewbuilder@hs20-bc2-3.build.redhat.com)\nUsing tsc for high-res timesource\n`,
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  await sshd?.stop();
});

function cli(args: string[], alias: string) {
  return runCli([...args, '--ssh', alias, '--ssh-command', `ssh -F ${sshd.config}`]);
}

/** The run and install, then what the guest shows after booting with `cmdline`, ntpd running and enabled. */
function installedAndBooted(alias: string, cmdline: (args: string) => string): void {
  expect(cli(['--yes'], alias).code).toBe(0);
  expect(cli(['install', '--yes'], alias).code).toBe(0);
  const view = sshd.guest(alias).view;
  const conf = path.join(view, 'boot/grub/grub.conf');
  const config = parseGrubConfig(readFileSync(conf, 'latin1'));
  const entry = defaultEntry(config).entry!;
  const line = parseCommandLine(config.lines[entry.linuxLine!]!.text)!;
  writeFileSync(
    path.join(view, 'proc/cmdline'),
    `${cmdline(line.args.map((a) => a.text).join(' '))}\n`,
  );
  symlinkSync('../init.d/ntpd', path.join(view, 'etc/rc.d/rc3.d/S58ntpd'));
}

describe('check --ssh after install and a reboot', () => {
  it('holds on a RHEL 5.4 guest booted with the new line, on acpi_pm, ntpd running and enabled', () => {
    installedAndBooted('g54', (args) => args);
    writeFileSync(path.join(sshd.guest('g54').view, SYSFS, 'current_clocksource'), 'acpi_pm\n');
    const r = cli(['check', '--json'], 'g54');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({
      command: 'check',
      guest: 'g54',
      runningKernel: RHEL54,
      holds: true,
      exitCode: 0,
    });
    expect(rep.findings.map((f: { id: string; status: string }) => [f.id, f.status])).toEqual([
      ['cmdline', 'ok'],
      ['clocksource', 'ok'],
      ['ntp', 'ok'],
    ]);
    expect(rep.findings[2].evidence[0]).toEqual({
      source: 'g54:/proc/*/stat',
      found: 'ntpd (pid 2861)',
    });
    expect(cli(['check'], 'g54').stdout).toMatch(
      /^Check of g54 \(running 2\.6\.18-164\.el5; default entry 0 ".*"\)\n\n\[ok\] cmdline: /,
    );
  });

  it('fails when /proc/cmdline lacks a parameter of the default entry, and names it', () => {
    installedAndBooted('cut54', (args) => args.replace(/ lpj=\d+$/, ''));
    const r = cli(['check'], 'cut54');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\[FAIL\] cmdline: the running kernel lacks lpj=2394132 of the default entry: /,
    );
    expect(r.stdout).toMatch(
      /\n {4}cut54:\/proc\/cmdline: ro root=\/dev\/VolGroup00\/LogVol00 rhgb quiet clocksource=acpi_pm\n/,
    );
    expect(r.stdout).toMatch(/checks do not hold: cmdline \(fails\)/);
  });

  it('RHEL 4.8: tsc in the kernel log despite clock=pmtmr fails, read from dmesg', () => {
    installedAndBooted('g48', (args) => args);
    const r = cli(['check', '--json'], 'g48');
    expect(r.code).toBe(1);
    const cs = JSON.parse(r.stdout).findings[1];
    expect(cs).toMatchObject({
      id: 'clocksource',
      status: 'fail',
      evidence: [
        { source: 'dmesg', found: '"Using tsc for high-res timesource"' },
        { found: 'clock=pmtmr asks for pmtmr (or acpi_pm)' },
      ],
    });
  });
});
