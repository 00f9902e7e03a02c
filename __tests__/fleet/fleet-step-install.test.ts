import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collect, removeTemps, setup, type Setup } from '../collector/helpers.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { guestWithKvm, removeGuests } from '../install/helpers.js';

// The role's install and check on the controller: fleet-step verify (the
// install decision from the collected bundle, its writer emitted), install
// (what that writer printed on the guest), check (a bundle collected after
// the reboot), and fleet-report on what they saved.
function step(args: string[], input: string | Buffer = '') {
  return runCli(['fleet-step', ...args], { input });
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

let s: Setup;
let dir: string;
beforeAll(async () => {
  s = await setup();
  dir = path.join(tempDir('fcd-step-install-'), 'reports');
  expect(step(['start', dir], 'g1\ng2\n').code).toBe(0);
});
afterAll(async () => {
  removeGuests();
  await removeTemps();
});

/** The emitted writer run under dash on grub.conf's directory here (the guest's /boot/grub). */
function runWriter(script: string, grub: string): Buffer {
  const text = readFileSync(script, 'latin1').replace(/^FCDW_DIR=.*$/m, `FCDW_DIR='${grub}'`);
  return spawnSync('dash', ['-s'], { input: Buffer.from(text, 'latin1') }).stdout;
}

describe('fleet-step verify and install', () => {
  it('verifies the pair on the guest, emits the install writer, records what it did; then already installed', () => {
    const g = guestWithKvm();
    const bundle = collect(s, ['dash'], g.root).stdout;
    const r = step(['verify', dir, 'g1', '--status=0'], bundle);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      guest: 'g1',
      phase: 'verify',
      outcome: 'script',
      changed: true,
      report: path.join(dir, 'g1.verify.json'),
    });
    expect(json(path.join(dir, 'g1.verify.json'))).toMatchObject({
      command: 'install',
      outcome: 'script',
      script: path.join(dir, 'g1.install.sh'),
    });
    // In check mode the run stops here: the summary says the guest would be installed.
    expect(runCli(['fleet-report', dir]).stdout).toMatch(/^g1 .* would-install \(verify\)/m);
    const out = runWriter(path.join(dir, 'g1.install.sh'), g.grub);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
    const rec = step(['install', dir, 'g1', '--status=0'], out);
    expect(rec.code).toBe(0);
    expect(JSON.parse(rec.stdout)).toMatchObject({ outcome: 'installed', changed: true });
    expect(json(path.join(dir, 'g1.install.json'))).toMatchObject({
      phase: 'install',
      outcome: 'installed',
      written: [
        expect.stringMatching(/^\/boot\/grub\/grub\.conf\.bak-\d{8}-\d{6}$/),
        '/boot/grub/grub.conf',
      ],
    });
    expect(runCli(['fleet-report', dir]).stdout).toMatch(/^g1 .* installed \(install\)/m);
    // Collected again: nothing to do, no writer.
    const again = step(['verify', dir, 'g1'], collect(s, ['dash'], g.root).stdout);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      outcome: 'already-installed',
      changed: false,
    });
  });

  it('refuses a guest without its pair, with one line, and fleet-report says refused', () => {
    const g = guestWithKvm();
    spawnSync('rm', [`${g.conf}.kvm`, `${g.conf}.kvm.diff`]);
    const r = step(['verify', dir, 'g2'], collect(s, ['dash'], g.root).stdout);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: guest g2: refusing to install: there is no Linux:\/boot\/grub\/grub\.conf\.kvm: run fix-clock-drift first/,
    );
    expect(existsSync(path.join(dir, 'g2.install.sh'))).toBe(false);
    expect(json(path.join(dir, 'g2.verify.json')).error).toMatch(/^refusing to install/);
    expect(runCli(['fleet-report', dir]).stdout).toMatch(
      /^g2 .* refused \(verify\): refusing to install: there is no/m,
    );
  });

  it('takes no flags after the guest', () => {
    const r = step(['verify', dir, 'g1', '--', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fleet-step verify takes no flags after the guest: --force/);
  });
});

describe('fleet-step check', () => {
  it('saves the check report of each guest and fails the one that does not hold', () => {
    const g = guestWithKvm();
    const checks = path.join(tempDir('fcd-step-check-'), 'reports');
    expect(step(['start', checks], 'ok1\nbad1\n').code).toBe(0);
    const conf = readFileSync(g.conf, 'latin1');
    const args = /^\tkernel \S+ (.*)$/m.exec(conf)![1]!;
    // Booted with the default entry's line, on acpi_pm, ntpd running and enabled.
    const files: Record<string, string> = {
      'proc/cmdline': `${args}\n`,
      'proc/1/stat': '1 (init) S 0 1 1\n',
      'proc/2861/stat': '2861 (ntpd) S 1 2861 2861\n',
      'sys/devices/system/clocksource/clocksource0/current_clocksource': 'acpi_pm\n',
    };
    for (const [f, data] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(g.root, f)), { recursive: true });
      writeFileSync(path.join(g.root, f), data);
    }
    mkdirSync(path.join(g.root, 'etc/rc.d/rc3.d'), { recursive: true });
    symlinkSync('../init.d/ntpd', path.join(g.root, 'etc/rc.d/rc3.d/S58ntpd'));
    writeFileSync(
      path.join(s.bin, 'dmesg'),
      "#!/bin/sh\necho 'Linux version 2.6.18-164.el5 (mockbuild@builder10.centos.org)'\n",
    );
    const ok = step(['check', checks, 'ok1'], collect(s, ['dash'], g.root).stdout);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ outcome: 'check-ok', changed: false });
    expect(json(path.join(checks, 'ok1.check.json'))).toMatchObject({ holds: true });
    writeFileSync(path.join(g.root, 'proc/cmdline'), 'ro root=/dev/VolGroup00/LogVol00\n');
    const bad = step(['check', checks, 'bad1'], collect(s, ['dash'], g.root).stdout);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^fix-clock-drift: guest bad1: the check does not hold: cmdline \(fail\): the running kernel lacks /,
    );
    expect(json(path.join(checks, 'bad1.check.json'))).toMatchObject({ holds: false });
    const report = runCli(['fleet-report', checks, '--json']);
    const rows = JSON.parse(report.stdout).guests;
    expect(rows.map((r: { guest: string; outcome: string }) => [r.guest, r.outcome])).toEqual([
      ['bad1', 'check-failed'],
      ['ok1', 'check-ok'],
    ]);
    expect(rows[0].error).toMatch(/^cmdline \(fail\): the running kernel lacks/);
  });
});
