import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, applyWithPatch, runCli } from '../helpers/cli.js';
import { alive } from '../helpers/processes.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { shellWords } from '../wizard/helpers.js';
import { KEY, onPty, sh, type PtySession } from '../wizard/pty.js';
import {
  NOISY_LOGIN,
  loginShell,
  pathsOf,
  processesNaming,
  sampleGuest,
  treeListing,
} from './helpers.js';
import { expectNothingLeft, removeScratch, runTmp } from './ssh-run.js';

/**
 * The wizard over --ssh on a real terminal (util-linux script): it shows
 * what the collector found on the guest with the guest's file names, asks,
 * shows the diff, asks before writing on the guest, writes there, and
 * prints a flag-mode command that does the same. Ctrl-C at a prompt leaves
 * the guest as it was and no ssh process behind.
 */

const TEST_MS = 120_000;
const SAMPLE = 'rhel5.4-i686-nokvmclock';
const PROMPT = {
  release: /\? Guest release \(RHEL X\.Y\) \(5\.4\)/,
  arch: /\? Architecture/,
  pvclock: /\? Does the guest kernel have kvm-clock/,
  lpj: /\? Loops per jiffy/,
  entries: /\? Entries to edit/,
  perEntry: /\? Decide each entry[\s\S]*?\(y\/N\)/,
  write: /\? Write [\s\S]*?\(Y\/n\)/,
};

/** What a guest with a separate /boot mounted read-only has in /proc/mounts. */
const MOUNTS = [
  'rootfs / rootfs rw 0 0',
  '/dev/VolGroup00/LogVol00 / ext3 rw,data=ordered 0 0',
  '/proc /proc proc rw 0 0',
  '/dev/vda1 /boot ext3 ro,data=ordered 0 0',
  '',
].join('\n');

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: await Promise.all([
      ...['wiz', 'again', 'cancel', 'noisy'].map((alias) => sampleGuest(alias, SAMPLE, 'busybox')),
      sampleGuest('taken', SAMPLE, 'busybox', { files: { 'boot/grub/grub.conf.kvm': 'old\n' } }),
      sampleGuest('robo', SAMPLE, 'busybox', { files: { 'proc/mounts': MOUNTS } }),
    ]),
  });
  loginShell(sshd.guest('noisy').root, NOISY_LOGIN);
  sshd.guest('robo').mountReadOnly('boot');
}, 60_000);
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(async () => {
  await sshd?.stop();
  removeScratch();
});

function wizard(alias: string, tmp: string): PtySession {
  const args = ['--ssh', alias, '--ssh-command', sshd.guest(alias).sshCommand];
  const s = onPty([process.execPath, CLI, ...args].map(sh).join(' '), { env: { TMPDIR: tmp } });
  sessions.push(s);
  return s;
}

/** Accepts every detected default up to the final question. */
async function acceptDefaults(s: PtySession): Promise<void> {
  await s.answer(PROMPT.release, KEY.enter);
  await s.answer(PROMPT.arch, KEY.enter);
  await s.answer(PROMPT.pvclock, KEY.enter);
  await s.answer(PROMPT.lpj, KEY.enter);
  await s.answer(PROMPT.entries, KEY.enter);
  await s.answer(PROMPT.perEntry, KEY.enter);
}

test(
  'detects on the guest, asks, writes there on "yes"; the printed command does the same',
  async () => {
    const guest = sshd.guest('wiz');
    const before = treeListing(guest.view);
    const handshakes = sshd.connections(guest.port);
    const tmp = runTmp();
    const s = wizard('wiz', tmp);
    await s.waitFor(/fix-clock-drift: wiz:\/boot\/grub\/grub\.conf \(interactive/);
    await s.waitFor(/release +5\.4 +from wiz:\/etc\/redhat-release/);
    await s.waitFor(/arch +x86 +from wiz:\/bin\/sh -> wiz:\/bin\/bash/);
    await s.waitFor(/lpj +2394132 +from dmesg/);
    await acceptDefaults(s);
    await s.waitFor(/--- \/boot\/grub\/grub\.conf\n\+\+\+ \/boot\/grub\/grub\.conf\.kvm\n/);
    await s.waitFor(
      /\+\tkernel \/vmlinuz-2\.6\.18-164\.el5 .* quiet clocksource=acpi_pm lpj=2394132\n/,
    );
    const write = await s.waitFor(PROMPT.write);
    // The guest's paths (named with the guest or not: see the report).
    expect(write[0].replace(/\s+/g, ' ')).toMatch(
      /Write (wiz:)?\/boot\/grub\/grub\.conf\.kvm and (wiz:)?\/boot\/grub\/grub\.conf\.kvm\.diff\?/,
    );
    s.send(KEY.enter);
    await s.waitFor(
      /Wrote wiz:\/boot\/grub\/grub\.conf\.kvm and wiz:\/boot\/grub\/grub\.conf\.kvm\.diff/,
    );
    await s.waitFor(/Next steps, on wiz as root/);
    const line = (
      await s.waitFor(/The same run without questions:\n {2}(fix-clock-drift [^\n]*)\n/)
    )[1]!;
    expect(await s.exit()).toEqual({ code: 0, signal: null });
    expect(sshd.connections(guest.port) - handshakes).toBe(1);
    expectNothingLeft(tmp);

    const grub = path.join(guest.view, 'boot/grub');
    const added = ['boot/grub/grub.conf.kvm', 'boot/grub/grub.conf.kvm.diff'];
    const after = treeListing(guest.view);
    expect(after.filter((l) => !added.includes(pathsOf([l])[0]!))).toEqual(before);
    expect(
      applyWithPatch(path.join(grub, 'grub.conf'), path.join(grub, 'grub.conf.kvm.diff')),
    ).toEqual(readFileSync(path.join(grub, 'grub.conf.kvm')));

    // The printed command, on a fresh guest made from the same sample, writes the same pair there.
    const words = shellWords(line);
    expect(words.slice(0, 5)).toEqual([
      'fix-clock-drift',
      '--ssh',
      'wiz',
      '--ssh-command',
      guest.sshCommand,
    ]);
    expect(words.at(-1)).toBe('--yes');
    const other = sshd.guest('again');
    const args = words.slice(1).map((w, i) => (i === 1 ? 'again' : w));
    const r = runCli(args, { env: { TMPDIR: runTmp() } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['grub.conf.kvm', 'grub.conf.kvm.diff'])
      expect(readFileSync(path.join(other.view, 'boot/grub', f))).toEqual(
        readFileSync(path.join(grub, f)),
      );
  },
  TEST_MS,
);

test(
  'Ctrl-C at the final question: exit 130, the guest untouched, the ssh master closed',
  async () => {
    const guest = sshd.guest('cancel');
    const before = treeListing(guest.view);
    const tmp = runTmp();
    const s = wizard('cancel', tmp);
    await acceptDefaults(s);
    await s.waitFor(PROMPT.write);
    // The master holding the connection and the ssh of the guest's shell, found by the control path in this run's TMPDIR.
    const masters = processesNaming(tmp);
    expect(masters).toHaveLength(2);
    s.send(KEY.ctrlC);
    await s.waitFor(/Cancelled: nothing was written\./);
    expect(await s.exit()).toEqual({ code: 130, signal: null });
    expect(treeListing(guest.view)).toEqual(before);
    // Gone (an unreaped zombie of a daemonized master is gone too).
    expect(masters.filter(alive)).toEqual([]);
    expectNothingLeft(tmp);
    expect(s.text).not.toContain('The same run without questions');
  },
  TEST_MS,
);

test(
  'a login that prints a banner and a farewell: the wizard asks and writes as on any guest',
  async () => {
    const tmp = runTmp();
    const s = wizard('noisy', tmp);
    await s.waitFor(/release +5\.4 +from noisy:\/etc\/redhat-release/);
    await acceptDefaults(s);
    await s.answer(PROMPT.write, KEY.enter);
    await s.waitFor(/Wrote noisy:\/boot\/grub\/grub\.conf\.kvm and noisy:/);
    expect(await s.exit()).toEqual({ code: 0, signal: null });
    expectNothingLeft(tmp);
    const kvm = readFileSync(path.join(sshd.guest('noisy').view, 'boot/grub/grub.conf.kvm'));
    expect(kvm.toString('latin1')).toMatch(/clocksource=acpi_pm lpj=2394132\n/);
  },
  TEST_MS,
);

test(
  'an output already on the guest is refused before the question, not after "yes"',
  async () => {
    const guest = sshd.guest('taken');
    const before = treeListing(guest.view);
    const tmp = runTmp();
    const s = wizard('taken', tmp);
    await acceptDefaults(s);
    await s.waitFor(
      /fix-clock-drift: refusing to replace taken:\/boot\/grub\/grub\.conf\.kvm: it is already there \(move it away on the guest, or give --force\)\n/,
    );
    expect(await s.exit()).toEqual({ code: 1, signal: null });
    expect(s.text).not.toMatch(PROMPT.write);
    expect(treeListing(guest.view)).toEqual(before);
    expectNothingLeft(tmp);
  },
  TEST_MS,
);

test(
  '/boot mounted read-only, as the guest says: refused before the question',
  async () => {
    const guest = sshd.guest('robo');
    const before = treeListing(guest.view);
    const tmp = runTmp();
    const s = wizard('robo', tmp);
    await acceptDefaults(s);
    await s.waitFor(
      /fix-clock-drift: cannot write into \/boot\/grub on guest robo: \/boot is mounted read-only there \(make it writable on the guest, e\.g\. mount -o remount,rw \/boot, or write the files here with --output and --diff and copy them yourself\); nothing was written\n/,
    );
    expect(await s.exit()).toEqual({ code: 1, signal: null });
    expect(s.text).not.toMatch(PROMPT.write);
    expect(treeListing(guest.view)).toEqual(before);
    expectNothingLeft(tmp);
  },
  TEST_MS,
);
