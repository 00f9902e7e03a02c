import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collect, removeTemps, setup, type Setup } from '../collector/helpers.js';
import { tempDir } from '../helpers/cli.js';
import { backupsIn, cli, guestWithKvm, leftovers, names, removeGuests } from './helpers.js';

// install --facts BUNDLE --emit-writer FILE: the decision install makes
// here or over SSH, from what the guest's collector printed, and the
// guest-side writer it emits instead of replacing grub.conf (the Ansible
// role runs it through a raw task). The writer is run here under dash, its
// directory pointed at the guest root's /boot/grub.

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(async () => {
  removeGuests();
  await removeTemps();
});

/** The bundle the collector prints on a guest root (as the role's collect task saves it). */
function bundleOf(root: string): string {
  const out = collect(s, ['dash'], root);
  expect(out.status).toBe(0);
  const file = path.join(tempDir('fcd-bundle-'), 'g1.facts');
  writeFileSync(file, out.stdout);
  return file;
}

function emit(facts: string, extra: string[] = ['--json']) {
  const script = path.join(tempDir('fcd-emit-'), 'g1.install.sh');
  const r = cli(['install', '--facts', facts, '--emit-writer', script, '--yes', ...extra]);
  return { ...r, script };
}

/** Runs an emitted writer under dash on grub.conf's directory here instead of the guest's /boot/grub. */
function runWriter(script: string, grub: string) {
  const text = readFileSync(script, 'latin1').replace(
    /^FCDW_DIR='\/boot\/grub'$/m,
    `FCDW_DIR='${grub}'`,
  );
  expect(text).toContain(`FCDW_DIR='${grub}'`);
  const r = spawnSync('dash', ['-s'], { input: Buffer.from(text, 'latin1') });
  return { code: r.status, stdout: r.stdout.toString('latin1') };
}

describe('install --facts --emit-writer', () => {
  it('checks the pair in the bundle, emits the writer (outcome script), and the writer installs it', () => {
    const g = guestWithKvm();
    const r = emit(bundleOf(g.root));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      command: 'install',
      outcome: 'script',
      changed: false,
      exitCode: 0,
      script: r.script,
      real: 'Linux:/boot/grub/grub.conf',
      backup: expect.stringMatching(/^Linux:\/boot\/grub\/grub\.conf\.bak-\d{8}-\d{6}$/),
      mode: '0600',
      madeFrom: { bytes: g.original.length },
      changes: [
        expect.objectContaining({ line: 16, added: ['clocksource=acpi_pm', 'lpj=2394132'] }),
        expect.objectContaining({ line: 20 }),
      ],
    });
    expect(report.next[0]).toMatch(/^Run .*g1\.install\.sh on the guest as root with sh/);
    expect(statSync(r.script).mode & 0o777).toBe(0o600);
    // Nothing was installed by emitting.
    expect(readFileSync(g.conf)).toEqual(g.original);
    const w = runWriter(r.script, g.grub);
    expect(w.stdout).toMatch(/FCDW put 1 new\nFCDW put 2 replaced\nFCDW placed\nFCDW done\n$/);
    expect(w.code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
    const backups = backupsIn(g.grub);
    expect(backups).toEqual([path.basename(report.backup)]);
    expect(readFileSync(path.join(g.grub, backups[0]!))).toEqual(g.original);
    expect(statSync(path.join(g.grub, backups[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(g.conf).mode & 0o777).toBe(0o600);
    expect(leftovers(g.grub)).toEqual([]);
    // Collected again: already installed, and no writer is emitted.
    const again = emit(bundleOf(g.root));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      outcome: 'already-installed',
      changed: false,
      script: null,
      backup: null,
    });
    expect(existsSync(again.script)).toBe(false);
  });

  it('the emitted writer does nothing when grub.conf changed on the guest after the bundle', () => {
    const g = guestWithKvm();
    const r = emit(bundleOf(g.root));
    expect(r.code).toBe(0);
    const edited = Buffer.concat([g.original, Buffer.from('# by hand\n')]);
    writeFileSync(g.conf, edited);
    const before = names(g.grub);
    const w = runWriter(r.script, g.grub);
    expect(w.code).toBe(1);
    expect(w.stdout).toMatch(/FCDW changed 1 different\nFCDW undone\n$/);
    expect(readFileSync(g.conf)).toEqual(edited);
    expect(names(g.grub)).toEqual(before);
  });

  it('says what it would do in prose, naming the writer', () => {
    const g = guestWithKvm();
    const r = emit(bundleOf(g.root), []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Checked Linux:\/boot\/grub\/grub\.conf\.kvm against Linux:\/boot\/grub\/grub\.conf as the bundle shows them, and wrote the writer that installs it to .*g1\.install\.sh; nothing is installed until it runs on the guest\.\n {2}Backup: {3}Linux:\/boot\/grub\/grub\.conf\.bak-\d{8}-\d{6} \(mode 0600, owner 0:0\), to be written/,
    );
  });

  it.each([
    [
      'no pair beside grub.conf',
      (g: ReturnType<typeof guestWithKvm>) => {
        spawnSync('rm', ['-f', `${g.conf}.kvm`, `${g.conf}.kvm.diff`]);
      },
      /^refusing to install: there is no Linux:\/boot\/grub\/grub\.conf\.kvm: run fix-clock-drift first/,
    ],
    [
      'grub.conf.kvm edited by hand after the review',
      (g: ReturnType<typeof guestWithKvm>) => {
        writeFileSync(
          `${g.conf}.kvm`,
          g.kvm.toString('latin1').replace('timeout=5', 'timeout=1'),
          'latin1',
        );
      },
      /^refusing to install: .*grub\.conf\.kvm differs from .*grub\.conf by more than added or replaced kernel parameters: line \d+ is not a kernel or module line the tool edits: .* has "timeout=5", .* has "timeout=1"/,
    ],
    [
      'grub.conf changed since the pair was made',
      (g: ReturnType<typeof guestWithKvm>) => {
        writeFileSync(g.conf, g.original.toString('latin1').replace('timeout=5', 'timeout=9'));
      },
      /^refusing to install: Linux:\/boot\/grub\/grub\.conf changed since .*; first difference at line \d+: it was "timeout=5", it is now "timeout=9"/,
    ],
  ])('refuses %s, and emits nothing', (_what, change, message) => {
    const g = guestWithKvm();
    change(g);
    const r = emit(bundleOf(g.root));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      exitCode: 1,
      error: expect.stringMatching(message),
    });
    expect(existsSync(r.script)).toBe(false);
  });

  it.each([
    [['--facts', 'x.facts', '--root', '/'], /--facts and --root name two guests/],
    [['--facts', 'x.facts'], /install --facts decides from a bundle.*give --emit-writer FILE/],
    [['--emit-writer', 'x.sh'], /--emit-writer works with --facts/],
    [['--facts', 'x.facts', '--emit-writer', 'x.sh', '--grub-conf', 'g'], /drop --grub-conf/],
  ])('usage error: install %j', (args, message) => {
    const r = cli(['install', ...args, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
