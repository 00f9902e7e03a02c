import { existsSync } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError } from '../../src/shared/errors.js';
import { ConnectionDroppedError, openSession, type Session } from '../../src/remote/ssh.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { waitFor } from '../helpers/processes.js';

let sshd: Sshd;
const open: Session[] = [];

beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      { alias: 'guest', sample: 'rhel5.4-x86_64' },
      { alias: 'dropper' },
      { alias: 'down', unreachable: true },
      { alias: 'refusing', auth: 'refuse' },
      { alias: 'rekeyed', hostKey: 'changed' },
      { alias: 'stranger', hostKey: 'unknown' },
    ],
  });
});
afterAll(async () => {
  for (const s of open) await s.close();
  await sshd?.stop();
});

async function session(alias: string): Promise<Session> {
  const s = await openSession(alias, { sshCommand: `ssh -F ${sshd.config}`, interactive: false });
  open.push(s);
  return s;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function failure(alias: string): Promise<ToolError> {
  const err = await openSession(alias, {
    sshCommand: `ssh -F ${sshd.config}`,
    interactive: false,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolError);
  const e = err as ToolError;
  expect(e.exitCode).toBe(1);
  expect(e.message).not.toContain('\n');
  return e;
}

test('one handshake per session: every command goes over the master connection', async () => {
  const port = sshd.guest('guest').port;
  const before = sshd.connections(port);
  const s = await session('guest');
  const release = await s.run('cat /etc/redhat-release');
  expect(release.stdout.toString()).toBe('Red Hat Enterprise Linux Server release 5.4 (Tikanga)\n');
  const echoed = await s.run('cat; echo err >&2; exit 7', Buffer.from([0, 1, 0xe9, 13, 10, 0xff]));
  expect(echoed.code).toBe(7);
  expect([...echoed.stdout]).toEqual([0, 1, 0xe9, 13, 10, 0xff]);
  expect(echoed.stderr).toBe('err\n');
  // 255 from the command itself is the command's, not a lost connection.
  expect((await s.run('exit 255')).code).toBe(255);
  expect(sshd.connections(port) - before).toBe(1);
  expect(alive(s.masterPid)).toBe(true);
  await s.close();
  await waitFor(() => !alive(s.masterPid), 5000, 'the master to exit');
  expect(existsSync(s.controlDir)).toBe(false);
  await s.close(); // twice is fine
});

test('spawn: a command that goes back and forth over the same connection', async () => {
  const port = sshd.guest('guest').port;
  const before = sshd.connections(port);
  const s = await session('guest');
  const child = s.spawn('while read x; do echo "got $x"; done');
  const lines: string[] = [];
  child.stdout.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  for (const word of ['one', 'two']) {
    child.stdin.write(`${word}\n`);
    await waitFor(() => lines.includes(`got ${word}`), 10_000, `the answer to ${word}`);
  }
  child.stdin.end();
  expect(await new Promise((r) => child.on('close', r))).toBe(0);
  expect(lines).toEqual(['got one', 'got two']);
  expect(sshd.connections(port) - before).toBe(1);
});

test('an interactive session (no BatchMode, prompts allowed) connects the same way with a key', async () => {
  const s = await openSession('guest', { sshCommand: `ssh -F ${sshd.config}`, interactive: true });
  open.push(s);
  expect((await s.run('echo interactive')).stdout.toString()).toBe('interactive\n');
});

test('a connection that drops during a command is reported as dropped, with what came before', async () => {
  const s = await session('dropper');
  const running = s.run('echo started; : > /started; exec sleep 30');
  // Once the command runs, cut the connection under it.
  const marker = path.join(sshd.guest('dropper').view, 'started');
  await waitFor(() => existsSync(marker), 10_000, 'the command to start');
  process.kill(s.masterPid!, 'SIGKILL');
  const err = await running.then(
    (r) => r,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectionDroppedError);
  expect((err as ConnectionDroppedError).message).toMatch(
    /^the connection to guest dropper dropped while running a command/,
  );
  // What had arrived before the cut is kept (the cut may come before the echo reached us).
  expect('started\n'.startsWith((err as ConnectionDroppedError).stdout.toString())).toBe(true);
  await expect(s.run('true')).rejects.toThrow(/dropped before the command could start/);
});

test('unreachable: says the connection was refused, with host and port', async () => {
  const e = await failure('down');
  expect(e.message).toBe(
    `cannot reach guest down (127.0.0.1 port ${sshd.guest('down').port}): the connection was refused: check that the guest is up, that its sshd runs, and the port`,
  );
});

test('no such host', async () => {
  const e = await failure('no-such-guest.invalid');
  expect(e.message).toMatch(
    /^cannot reach guest no-such-guest\.invalid: no such host \(.+\); check the name in --ssh/,
  );
});

test('authentication refused: says so and what to check', async () => {
  const e = await failure('refusing');
  expect(e.message).toMatch(
    /^guest refusing refused authentication as root \(it accepts: publickey\): check that your public key/,
  );
});

test('changed host key: refused, never offering to turn checking off', async () => {
  const e = await failure('rekeyed');
  expect(e.message).toMatch(
    /^the host key of guest rekeyed has changed \(recorded in .*known_hosts-rekeyed line 1\)/,
  );
  expect(e.message).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.guest('rekeyed').port}'`);
  expect(e.message).not.toMatch(/StrictHostKeyChecking|no$/);
});

test('unknown host key with strict checking: says to verify and record it', async () => {
  const e = await failure('stranger');
  expect(e.message).toMatch(
    /^the host key of guest stranger is not known here and ssh checks host keys strictly/,
  );
});

test('bad targets and ssh commands are usage errors', async () => {
  await expect(openSession('-oProxyCommand=x', { interactive: false })).rejects.toThrow(UsageError);
  await expect(openSession('a b', { interactive: false })).rejects.toThrow(/not a host name/);
  await expect(
    openSession('guest', { interactive: false, sshCommand: 'ssh | tee log' }),
  ).rejects.toThrow(/--ssh-command "ssh \| tee log": "\|" needs a shell/);
  await expect(
    openSession('guest', { interactive: false, sshCommand: 'no-such-ssh-program' }),
  ).rejects.toThrow(
    /^cannot run no-such-ssh-program: not found; install the OpenSSH client, or name it with --ssh-command$/,
  );
});
