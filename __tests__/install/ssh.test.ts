import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { CLI, SAMPLES, runCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/processes.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { backupsIn, holding, hold } from './ssh-helpers.js';

// install and rollback on live fake guests behind a loopback sshd: the files
// are read there by the reader, checked here, and replaced there by the
// guest-side writer.
const SAMPLE = 'rhel5.4-i686-nokvmclock';
const GUESTS = ['busybox', 'dash', 'link', 'changed', 'extra', 'full', 'drop', 'term', 'race'];

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: GUESTS.map((alias) => ({
      alias,
      shell: alias === 'dash' ? ('dash' as const) : ('busybox' as const),
      sample: SAMPLE,
      uname: { r: '2.6.18-164.el5', m: 'i686' },
      fake: { mv: holding('mv'), md5sum: holding('md5sum') },
    })),
  });
  // Each guest gets the pair a run writes there, as the administrator reviews it.
  for (const alias of GUESTS) {
    const r = ssh(alias, []);
    if (r.code !== 0) throw new Error(`the run on ${alias} failed: ${r.stderr}`);
  }
}, 120_000);
afterAll(async () => {
  await sshd?.stop();
});

function ssh(alias: string, args: string[]) {
  return runCli(['--ssh', alias, '--ssh-command', `ssh -F ${sshd.config}`, '--yes', ...args]);
}

function on(command: string, alias: string, args: string[] = []) {
  return runCli([
    command,
    '--ssh',
    alias,
    '--ssh-command',
    `ssh -F ${sshd.config}`,
    '--yes',
    ...args,
  ]);
}

function grub(alias: string): string {
  return path.join(sshd.guest(alias).view, 'boot/grub');
}

function files(alias: string) {
  const dir = grub(alias);
  return {
    conf: readFileSync(path.join(dir, 'grub.conf')),
    kvm: readFileSync(path.join(dir, 'grub.conf.kvm')),
  };
}

const ORIGINAL = readFileSync(path.join(SAMPLES, SAMPLE, 'boot/grub/grub.conf'));

describe.each(['busybox', 'dash'])('a %s guest', (alias) => {
  it('install backs up and replaces grub.conf there; a second install is a no-op; rollback restores it', () => {
    const dir = grub(alias);
    const mode = statSync(path.join(dir, 'grub.conf')).mode & 0o777;
    const r = on('install', alias, ['--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({
      command: 'install',
      guest: alias,
      grubConf: `${alias}:/boot/grub/grub.conf`,
      real: `${alias}:/boot/grub/grub.conf`,
      outcome: 'installed',
      backup: expect.stringMatching(
        new RegExp(`^${alias}:/boot/grub/grub\\.conf\\.bak-\\d{8}-\\d{6}$`),
      ),
      next: [
        `Reboot the guest: reboot (on ${alias})`,
        `After the reboot: fix-clock-drift check --ssh ${alias}`,
        `To go back: fix-clock-drift rollback --ssh ${alias}`,
      ],
    });
    const { conf, kvm } = files(alias);
    expect(conf).toEqual(kvm);
    const [backup] = backupsIn(dir);
    expect(readFileSync(path.join(dir, backup!))).toEqual(ORIGINAL);
    expect(statSync(path.join(dir, backup!)).mode & 0o777).toBe(mode);
    expect(statSync(path.join(dir, 'grub.conf')).mode & 0o777).toBe(mode);

    const again = on('install', alias, ['--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'already-installed', backup: null });
    expect(backupsIn(dir)).toHaveLength(1);

    const back = on('rollback', alias);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(
      `Restored ${alias}:/boot/grub/${backup} as ${alias}:/boot/grub/grub.conf.`,
    );
    expect(files(alias).conf).toEqual(ORIGINAL);
    expect(backupsIn(dir)).toHaveLength(2);
  });
});

describe('over SSH', () => {
  it('through /etc/grub.conf: the link target is replaced and the link kept', () => {
    const r = on('install', 'link', ['--grub-conf', '/etc/grub.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Installed link:/boot/grub/grub.conf.kvm as link:/boot/grub/grub.conf (reached as link:/etc/grub.conf).',
    );
    const etc = path.join(sshd.guest('link').view, 'etc/grub.conf');
    expect(lstatSync(etc).isSymbolicLink()).toBe(true);
    expect(readlinkSync(etc)).toBe('../boot/grub/grub.conf');
    expect(files('link').conf).toEqual(files('link').kvm);
  });

  it('refuses a grub.conf changed since grub.conf.kvm was made, and one whose grub.conf.kvm has an extra change', () => {
    const conf = path.join(grub('changed'), 'grub.conf');
    writeFileSync(conf, ORIGINAL.toString('latin1').replace('timeout=5', 'timeout=7'), 'latin1');
    const changed = on('install', 'changed');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(
      /^fix-clock-drift: refusing to install: changed:\/boot\/grub\/grub\.conf changed since changed:\/boot\/grub\/grub\.conf\.kvm was made: .*first difference at line \d+: it was "timeout=5", it is now "timeout=7"/,
    );
    expect(backupsIn(grub('changed'))).toEqual([]);

    const kvm = path.join(grub('extra'), 'grub.conf.kvm');
    writeFileSync(
      kvm,
      readFileSync(kvm, 'latin1').replace('rhgb quiet clocksource', 'rhgb clocksource'),
      'latin1',
    );
    const extra = on('install', 'extra');
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(
      /^fix-clock-drift: refusing to install: extra:\/boot\/grub\/grub\.conf\.kvm differs from extra:\/boot\/grub\/grub\.conf by more than added or replaced kernel parameters: line \d+ has clocksource=acpi_pm where quiet stood/,
    );
    expect(files('extra').conf).toEqual(ORIGINAL);
    expect(backupsIn(grub('extra'))).toEqual([]);
  });

  it('when the backup cannot be written (a full /boot/grub), changes nothing and leaves nothing', () => {
    const dir = grub('full');
    const before = backupsIn(dir);
    sshd.guest('full').mountFull('boot/grub', 4);
    const r = on('install', 'full');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: cannot write \/boot\/grub\/grub\.conf\.bak-\d{8}-\d{6} on guest full: no space left on the device .*; nothing was written\n$/,
    );
    expect(files('full').conf).toEqual(ORIGINAL);
    expect(backupsIn(dir)).toEqual(before);
    expect(existsSync(path.join(dir, '.grub.conf.kvm.lock'))).toBe(false);
  });

  it('grub.conf changed on the guest after it was read: the writer refuses, nothing is written', async () => {
    const dir = grub('race');
    // md5sum's first call in the writer checks grub.conf against what was read.
    const h = hold(sshd.guest('race').view, 'md5sum', 1);
    const run = runAsync([
      'install',
      '--ssh',
      'race',
      '--ssh-command',
      `ssh -F ${sshd.config}`,
      '--yes',
    ]);
    await waitFor(() => existsSync(h.entered), 20_000, 'the writer to check grub.conf');
    writeFileSync(
      path.join(dir, 'grub.conf'),
      Buffer.concat([ORIGINAL, Buffer.from('# late edit\n')]),
    );
    h.release();
    const exit = await run.exit;
    expect(exit.code).toBe(1);
    expect(run.stderr()).toBe(
      `fix-clock-drift: /boot/grub/grub.conf on guest race has changed since it was read (other content): run again to decide from what is there now; nothing was written\n`,
    );
    expect(backupsIn(dir)).toEqual([]);
  });

  it.each([
    ['drop', 'the connection dropped'],
    ['term', 'SIGTERM to the command'],
  ])(
    'stopped between backup and rename (%s: %s): grub.conf is put back whole, the backup removed',
    async (alias) => {
      const dir = grub(alias);
      const h = hold(sshd.guest(alias).view, 'mv', 1);
      const known = new Set(sshd.connectionPids());
      const run = runAsync([
        'install',
        '--ssh',
        alias,
        '--ssh-command',
        `ssh -F ${sshd.config}`,
        '--yes',
      ]);
      await waitFor(() => existsSync(h.entered), 20_000, 'the writer to rename grub.conf');
      // The backup is in place; grub.conf is not yet replaced.
      expect(backupsIn(dir)).toHaveLength(1);
      expect(files(alias).conf).toEqual(ORIGINAL);
      if (alias === 'drop') {
        const ours = sshd.connectionPids().filter((p) => !known.has(p));
        for (const p of ours) process.kill(p, 'SIGKILL');
      } else {
        run.child.kill('SIGTERM');
      }
      const exit = await run.exit;
      expect(exit.code).toBe(alias === 'drop' ? 1 : 143);
      if (alias === 'drop')
        expect(run.stderr()).toMatch(
          /^fix-clock-drift: the connection to guest drop dropped while \/boot\/grub\/grub\.conf was being replaced: the writer there puts grub\.conf back/,
        );
      h.release();
      await waitFor(() => backupsIn(dir).length === 0, 20_000, 'the writer to undo');
      await waitFor(
        () => !existsSync(path.join(dir, '.grub.conf.kvm.lock')),
        20_000,
        'the lock to go',
      );
      expect(files(alias).conf).toEqual(ORIGINAL);
      expect(readFileSync(path.join(dir, 'grub.conf.kvm'))).not.toEqual(ORIGINAL);
    },
  );
});

function runAsync(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null }>((resolve) =>
    child.on('close', (code) => resolve({ code })),
  );
  return { child, stderr: () => err, exit };
}
