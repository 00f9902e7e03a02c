import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alive, processes, waitFor } from '../helpers/processes.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import {
  NOISY_LOGIN,
  ODD,
  loginShell,
  modeOwner,
  oddGrubConf,
  sampleGuest,
  treeListing,
} from './helpers.js';
import { runCli } from '../helpers/cli.js';
import {
  expectFault,
  expectNothingLeft,
  removeScratch,
  runTmp,
  scratch,
  sshRun,
  startCli,
} from './ssh-run.js';

/**
 * Each way a run over SSH can fail, through the CLI against a fake guest
 * (rhel5.4-i686-nokvmclock, which needs parameters): one line on stderr,
 * exit 1, the same message as JSON with --json, and the guest's tree as it
 * was (no temp file, no lock, grub.conf untouched).
 */

const SAMPLE = 'rhel5.4-i686-nokvmclock';

/** A command that, at its Nth call, stops until /.fcd/NAME.hold is removed (see write-faults.test.ts). */
function holding(name: string, call: number): string {
  return `n=$(cat /.fcd/${name}.calls 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > /.fcd/${name}.calls
if [ "$n" = ${call} ] && [ -f /.fcd/${name}.hold ]; then
  : > /.fcd/${name}.entered
  while [ -f /.fcd/${name}.hold ]; do sleep 0.05; done
fi
real "$@"
`;
}

/** An od that kills the whole session (the collector's shell with it) at its 5th call: a cut bundle. */
const DYING_OD = `n=$(cat /.fcd/od.calls 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > /.fcd/od.calls
if [ "$n" -ge 5 ]; then kill -9 0; fi
real "$@"
`;

/** A menu shell of an appliance in place of the guest's sh: it runs none of sh's commands. */
const MENU_LOGIN = `#!/.fcd/busybox sh
echo "menu: unknown command: $2 (type help)" >&2
exit 1
`;

let sshd: Sshd;
beforeAll(async () => {
  const g = (alias: string, extra: Parameters<typeof sampleGuest>[3] = {}) =>
    sampleGuest(alias, SAMPLE, 'busybox', extra);
  sshd = await startSshd({
    guests: await Promise.all([
      g('unreach', { unreachable: true }),
      g('refuse', { auth: 'refuse' }),
      g('rekeyed', { hostKey: 'changed' }),
      sampleGuest('drop', SAMPLE, 'dash', { fake: { md5sum: holding('md5sum', 3) } }),
      g('ro'),
      g('full'),
      g('exists', { files: { 'boot/grub/grub.conf.kvm': 'old\n' } }),
      g('cut', { fake: { od: DYING_OD } }),
      g('menu'),
      g('noisy'),
    ]),
  });
  for (const alias of ['drop', 'ro', 'full', 'exists', 'noisy'])
    oddGrubConf(sshd.guest(alias).root);
  sshd.guest('ro').mountReadOnly('boot');
  sshd.guest('full').mountFull('boot/grub', 4);
  loginShell(sshd.guest('menu').root, MENU_LOGIN);
  loginShell(sshd.guest('noisy').root, NOISY_LOGIN);
}, 60_000);
afterAll(async () => {
  await sshd?.stop();
  removeScratch();
});

/** Runs with --yes --json and checks the fault's form; the guest's tree must be as it was. */
function fault(alias: string, connections = 1, args: string[] = []): string {
  const guest = sshd.guest(alias);
  const before = treeListing(guest.view);
  const r = sshRun(sshd, alias, ['--yes', '--json', ...args], { connections });
  const message = expectFault(r, true);
  expect(treeListing(guest.view)).toEqual(before);
  return message;
}

describe('connecting', () => {
  test('host unreachable', () => {
    const port = sshd.guest('unreach').port;
    expect(fault('unreach', 0)).toBe(
      `cannot reach guest unreach (127.0.0.1 port ${port}): the connection was refused: check that the guest is up, that its sshd runs, and the port`,
    );
    // Without --json, nothing on stdout.
    const r = sshRun(sshd, 'unreach', ['--yes'], { connections: 0 });
    expect(expectFault(r, false)).toMatch(/^cannot reach guest unreach /);
    expect(r.stdout).toBe('');
  });

  test('authentication refused', () => {
    expect(fault('refuse')).toMatch(
      /^guest refuse refused authentication as root \(it accepts: publickey\): check that your public key is in that user's ~\/\.ssh\/authorized_keys on the guest/,
    );
  });

  test('host key changed: said, never offered to turn off; known_hosts untouched', () => {
    const known = sshd.guest('rekeyed').knownHosts;
    const recorded = readFileSync(known, 'utf8');
    const message = fault('rekeyed');
    expect(message).toMatch(
      new RegExp(
        `^the host key of guest rekeyed has changed \\(recorded in ${known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 1\\): this is an attack or a reinstalled guest`,
      ),
    );
    expect(message).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile/);
    expect(readFileSync(known, 'utf8')).toBe(recorded);
  });
});

describe('bad flags beside --ssh', () => {
  // A run that cannot prompt opens its connection before its flags are
  // parsed (remote/early-session.ts); a run that then stops on a usage
  // error must close it and leave nothing, here or on the guest.
  test.each([
    ['a bad value', ['--arch', 'sparc'], /--arch/],
    ['a flag of another mode', ['--boot-ini', 'boot.ini'], /--ssh/],
  ])('%s: exit 2, one line, the connection started early closed', (_what, flags, names) => {
    const guest = sshd.guest('exists');
    const before = treeListing(guest.view);
    const tmp = runTmp();
    const r = runCli(['--ssh', 'exists', '--ssh-command', guest.sshCommand, '--yes', ...flags], {
      env: { TMPDIR: tmp },
      // A connection left open would keep the run from ending.
      timeout: 20_000,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(names);
    expectNothingLeft(tmp);
    expect(treeListing(guest.view)).toEqual(before);
  });
});

describe('interrupted while connecting', () => {
  test('Ctrl-C during the handshake: exit 130, said so, nothing left', async () => {
    // An ssh that never gets through: it writes its pid and its parent's (the
    // CLI), then waits. Asked for its configuration (-G), it has none.
    const dir = scratch();
    const started = path.join(dir, 'started');
    const ssh = path.join(dir, 'slow-ssh');
    writeFileSync(
      ssh,
      `#!/bin/sh\ncase " $* " in *" -G "*) exit 0 ;; esac\necho "$$ $PPID" > ${started}.new\nmv ${started}.new ${started}\nexec sleep 60\n`,
    );
    chmodSync(ssh, 0o755);
    const tmp = runTmp();
    const run = startCli(['--ssh', 'g', '--ssh-command', ssh, '--yes'], { TMPDIR: tmp });
    await waitFor(() => existsSync(started), 20_000, 'ssh to start');
    const [sshPid, cliPid] = readFileSync(started, 'utf8').trim().split(' ').map(Number);
    const sshProc = processes().find((p) => p.pid === sshPid);
    expect(sshProc).toBeDefined();
    process.kill(cliPid!, 'SIGINT');
    const r = await run;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fix-clock-drift: interrupted (SIGINT); nothing was written\n');
    await waitFor(() => !alive(sshProc!), 5_000, 'the ssh it started to end');
    expectNothingLeft(tmp);
  });
});

describe('collecting', () => {
  test("the collector's output cut short: refused as a truncated bundle naming the guest", () => {
    expect(fault('cut')).toMatch(
      /^bundle from guest cut: truncated after record \d+, in record \d+ \(no end marker\): collect it again$/,
    );
  });

  test('a login shell that is not sh: says the collector printed no bundle, and why', () => {
    expect(fault('menu')).toBe(
      'guest menu: the collector printed no facts bundle (menu: unknown command: sh -s (type help)): check that the login shell there runs sh, or run `fix-clock-drift collector` on its console and use --facts',
    );
  });

  test('a login that prints a banner and a farewell around every command: the run still works', () => {
    const r = sshRun(sshd, 'noisy', ['--yes', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      outcome: 'written',
      input: 'noisy:/boot/grub/grub.conf',
    });
    const grub = path.join(sshd.guest('noisy').view, 'boot/grub');
    expect(modeOwner(path.join(grub, 'grub.conf.kvm'))).toBe(
      `${ODD.mode.toString(8)} ${ODD.uid}:${ODD.gid}`,
    );
    expect(readFileSync(path.join(grub, 'grub.conf.kvm'), 'latin1')).not.toMatch(/Welcome|Goodbye/);
  });
});

describe('writing', () => {
  test('/boot mounted read-only', () => {
    expect(fault('ro')).toBe(
      'cannot write into /boot/grub on guest ro: read-only file system (make it writable on the guest, e.g. mount -o remount,rw /boot, or write the files here with --output and --diff and copy them yourself); nothing was written',
    );
  });

  test('no space left on /boot', () => {
    expect(fault('full')).toMatch(
      /^cannot write (into )?\/boot\/grub(\/grub\.conf\.kvm)? on guest full: no space left on the device \(.*\); nothing was written$/,
    );
  });

  test('the output already there: refused; then replaced with --force', () => {
    const grub = path.join(sshd.guest('exists').view, 'boot/grub');
    expect(fault('exists')).toBe(
      'refusing to replace /boot/grub/grub.conf.kvm on guest exists: it already exists (move it away, or give --force)',
    );
    expect(readFileSync(path.join(grub, 'grub.conf.kvm'), 'utf8')).toBe('old\n');
    const r = sshRun(sshd, 'exists', ['--yes', '--force']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(grub, 'grub.conf.kvm'), 'latin1')).toMatch(/clocksource=acpi_pm/);
    expect(modeOwner(path.join(grub, 'grub.conf.kvm'))).toBe(
      `${ODD.mode.toString(8)} ${ODD.uid}:${ODD.gid}`,
    );
    expect(existsSync(path.join(grub, 'grub.conf.kvm.diff'))).toBe(true);
  });

  test('the connection dropped in the middle of the write: nothing is left on the guest', async () => {
    const guest = sshd.guest('drop');
    const grub = path.join(guest.view, 'boot/grub');
    const before = treeListing(guest.view);
    const fcd = path.join(guest.view, '.fcd');
    writeFileSync(path.join(fcd, 'md5sum.hold'), '');
    const tmp = runTmp();
    const known = new Set(sshd.connectionPids());
    const run = startCli(['--ssh', 'drop', '--ssh-command', guest.sshCommand, '--yes', '--json'], {
      TMPDIR: tmp,
    });
    // md5sum's third call checks the staged diff: the lock and both temp files are there.
    await waitFor(
      () => existsSync(path.join(fcd, 'md5sum.entered')),
      20_000,
      'the writer to stage',
    );
    const during = treeListing(guest.view).join('\n');
    expect(during).toContain('boot/grub/.grub.conf.kvm.lock ');
    expect(during.match(/\.tmp /g)?.length).toBeGreaterThanOrEqual(3);
    const ours = sshd.connectionPids().filter((p) => !known.has(p));
    expect(ours).toHaveLength(1);
    process.kill(ours[0]!, 'SIGKILL');
    const message = expectFault(await run, true);
    expect(message).toMatch(
      /^the connection to guest drop dropped during the write; the writer puts all of grub\.conf\.kvm, grub\.conf\.kvm\.diff in place or none/,
    );
    expectNothingLeft(tmp);
    rmSync(path.join(fcd, 'md5sum.hold'));
    // The writer finds nobody reading at its next status line, and undoes.
    await waitFor(
      () => treeListing(guest.view).join('\n') === before.join('\n'),
      20_000,
      'the writer to undo',
    );
    expect(treeListing(guest.view)).toEqual(before);
    expect(existsSync(path.join(grub, 'grub.conf.kvm'))).toBe(false);
  });
});
