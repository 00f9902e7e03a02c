import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../../src/shared/errors.js';
import { openSession, type Session } from '../../src/remote/ssh.js';
import { writeRemotePair } from '../../src/remote/write.js';
import { type GuestShell } from '../helpers/fake-guest.js';
import { hardPair, listing, pairRequest } from '../helpers/pair.js';
import { waitFor } from '../helpers/processes.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';

const SHELLS: GuestShell[] = ['busybox', 'dash'];
const CASES = ['ro', 'full', 'drop-master', 'drop-sshd', 'term'];
const SAMPLE_FILES = ['grub.conf', 'menu.lst'];

/**
 * A command that stops at its Nth call while /.fcd/NAME.hold holds N, and
 * says so with /.fcd/NAME.entered: the test acts on the writer at that
 * point (cuts the connection, sends a signal), then removes the hold.
 */
function holding(name: string): string {
  return `n=$(cat /.fcd/${name}.calls 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > /.fcd/${name}.calls
if [ -f /.fcd/${name}.hold ] && [ "$(cat /.fcd/${name}.hold)" = "$n" ]; then
  : > /.fcd/${name}.entered
  while [ -f /.fcd/${name}.hold ]; do sleep 0.05; done
fi
real "$@"
`;
}

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: SHELLS.flatMap((shell) =>
      CASES.map((c) => ({
        alias: `${shell}-${c}`,
        shell,
        sample: 'rhel4.8-i686',
        fake: { md5sum: holding('md5sum'), ln: holding('ln') },
      })),
    ),
  });
});
afterAll(async () => {
  await sshd?.stop();
});

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function session(alias: string): Promise<Session> {
  const s = await openSession(alias, { sshCommand: `ssh -F ${sshd.config}`, interactive: false });
  sessions.push(s);
  return s;
}

function grubDir(alias: string): string {
  return path.join(sshd.guest(alias).view, 'boot/grub');
}

function hold(
  alias: string,
  command: string,
  call: number,
): { entered: string; release: () => void } {
  const fcd = path.join(sshd.guest(alias).view, '.fcd');
  writeFileSync(path.join(fcd, `${command}.hold`), `${call}\n`);
  return {
    entered: path.join(fcd, `${command}.entered`),
    release: () => rmSync(path.join(fcd, `${command}.hold`)),
  };
}

/** Starts the write; resolves to the error it ends with (undefined if it succeeded). */
function writing(s: Session, alias: string, long = false): Promise<unknown> {
  const dir = grubDir(alias);
  const req = pairRequest(
    sshd.guest(alias).view,
    hardPair(readFileSync(path.join(dir, 'grub.conf')), long),
  );
  return writeRemotePair(s, req).then(
    () => undefined,
    (e: unknown) => e,
  );
}

function expectOneLine(err: unknown): ToolError {
  expect(err).toBeInstanceOf(ToolError);
  expect((err as ToolError).exitCode).toBe(1);
  expect((err as ToolError).message).not.toContain('\n');
  return err as ToolError;
}

describe.each(SHELLS)('%s guest', (shell) => {
  test('/boot mounted read-only: says so and how out; nothing written', async () => {
    const alias = `${shell}-ro`;
    sshd.guest(alias).mountReadOnly('boot');
    const err = expectOneLine(await writing(await session(alias), alias));
    expect(err.message).toBe(
      `cannot write into /boot/grub on guest ${alias}: read-only file system (make it writable on the guest, e.g. mount -o remount,rw /boot, or write the files here with --output and --diff and copy them yourself); nothing was written`,
    );
    expect(listing(grubDir(alias))).toEqual(SAMPLE_FILES);
  });

  test('/boot full: says so; the temp files and lock are gone', async () => {
    const alias = `${shell}-full`;
    sshd.guest(alias).mountFull('boot/grub', 12);
    const err = expectOneLine(await writing(await session(alias), alias, true));
    expect(err.message).toMatch(
      new RegExp(
        `^cannot write /boot/grub/grub\\.conf\\.kvm on guest ${alias}: no space left on the device \\(.*\\); nothing was written$`,
      ),
    );
    expect(listing(grubDir(alias))).toEqual(['.filler', ...SAMPLE_FILES]);
  });

  test('connection dropped (the ssh master killed) while the files are staged: nothing is left', async () => {
    const alias = `${shell}-drop-master`;
    const dir = grubDir(alias);
    // md5sum calls: grub.conf unchanged (1), grub.conf.kvm (2), its diff (3).
    const h = hold(alias, 'md5sum', 3);
    const s = await session(alias);
    const result = writing(s, alias);
    await waitFor(() => existsSync(h.entered), 10_000, 'the writer to check the second file');
    const during = listing(dir);
    expect(during).toContain('.grub.conf.kvm.lock');
    expect(during.filter((f) => f.endsWith('.tmp')).length).toBeGreaterThanOrEqual(2);
    process.kill(s.masterPid!, 'SIGKILL');
    const err = expectOneLine(await result);
    expect(err.message).toMatch(
      new RegExp(
        `^the connection to guest ${alias} dropped during the write; the writer puts all of grub\\.conf\\.kvm, grub\\.conf\\.kvm\\.diff in place or none`,
      ),
    );
    h.release();
    // The writer finds nobody reading at its next status line, and undoes.
    await waitFor(() => listing(dir).join() === SAMPLE_FILES.join(), 10_000, 'the writer to undo');
    expect(listing(dir)).toEqual(SAMPLE_FILES);
  });

  test("connection dropped (sshd's process killed) after the first file is in place: it is taken back", async () => {
    const alias = `${shell}-drop-sshd`;
    const dir = grubDir(alias);
    // ln calls: the lock (1), grub.conf.kvm (2), its diff (3).
    const h = hold(alias, 'ln', 3);
    const connections = new Set(sshd.connectionPids());
    const s = await session(alias);
    const ours = sshd.connectionPids().filter((p) => !connections.has(p));
    expect(ours).toHaveLength(1);
    const result = writing(s, alias);
    await waitFor(() => existsSync(h.entered), 10_000, 'the writer to place the second file');
    expect(listing(dir)).toContain('grub.conf.kvm');
    process.kill(ours[0]!, 'SIGKILL');
    const err = expectOneLine(await result);
    expect(err.message).toMatch(/dropped during the write/);
    h.release();
    await waitFor(() => listing(dir).join() === SAMPLE_FILES.join(), 10_000, 'the writer to undo');
    expect(listing(dir)).toEqual(SAMPLE_FILES);
  });

  test('the writer stopped by a signal undoes and says so; the connection stays usable', async () => {
    const alias = `${shell}-term`;
    const dir = grubDir(alias);
    const h = hold(alias, 'md5sum', 2);
    const s = await session(alias);
    const result = writing(s, alias);
    await waitFor(() => existsSync(h.entered), 10_000, 'the writer to check the first file');
    const pid = Number(readFileSync(path.join(dir, '.grub.conf.kvm.lock'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGTERM');
    h.release();
    const err = expectOneLine(await result);
    expect(err.message).toBe(
      `the writer on guest ${alias} was stopped (signal); nothing was written`,
    );
    expect(listing(dir)).toEqual(SAMPLE_FILES);
    expect((await s.run('echo still here')).stdout.toString()).toBe('still here\n');
  });
});
