import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../../src/shared/errors.js';
import { openSession, type Session } from '../../src/remote/ssh.js';
import { writeRemotePair } from '../../src/remote/write.js';
import { type GuestShell } from '../helpers/fake-guest.js';
import { hardPair, listing, pairRequest } from '../helpers/pair.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';

const SHELLS: GuestShell[] = ['busybox', 'dash'];
const CASES = ['pair', 'long', 'exists', 'alive', 'gone', 'changed', 'symlink'];
const SAMPLE_FILES = ['grub.conf', 'menu.lst'];

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: SHELLS.flatMap((shell) =>
      CASES.map((c) => ({ alias: `${shell}-${c}`, shell, sample: 'rhel5.3-i686-crlf' })),
    ),
  });
});
afterAll(async () => {
  await sshd?.stop();
});

async function withSession<T>(alias: string, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await openSession(alias, { sshCommand: `ssh -F ${sshd.config}`, interactive: false });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

function grubDir(alias: string): string {
  return path.join(sshd.guest(alias).view, 'boot/grub');
}

/** grub.conf as anaconda leaves it, with an owner and group that show chown worked. */
function setOwner(alias: string): void {
  const conf = path.join(grubDir(alias), 'grub.conf');
  chownSync(conf, 42, 43);
  chmodSync(conf, 0o640);
}

async function refusal(
  alias: string,
  req: Parameters<typeof writeRemotePair>[1],
): Promise<ToolError> {
  const err = await withSession(alias, (s) => writeRemotePair(s, req)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolError);
  expect((err as ToolError).exitCode).toBe(1);
  expect((err as ToolError).message).not.toContain('\n');
  return err as ToolError;
}

describe.each(SHELLS)('%s guest', (shell) => {
  test.each([
    ['pair', false],
    ['long', true],
  ])(
    'writes the %s byte for byte, with grub.conf mode and owner, over the one connection',
    async (c, long) => {
      const alias = `${shell}-${c}`;
      setOwner(alias);
      const dir = grubDir(alias);
      const pair = hardPair(readFileSync(path.join(dir, 'grub.conf')), long);
      const before = sshd.connections(sshd.guest(alias).port);
      const result = await withSession(alias, (s) =>
        writeRemotePair(s, pairRequest(sshd.guest(alias).view, pair)),
      );
      expect(result.written).toEqual(['/boot/grub/grub.conf.kvm', '/boot/grub/grub.conf.kvm.diff']);
      expect(result.replaced).toEqual([]);
      expect(readFileSync(path.join(dir, 'grub.conf.kvm')).equals(pair.kvm)).toBe(true);
      expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff')).equals(pair.diff)).toBe(true);
      for (const name of ['grub.conf.kvm', 'grub.conf.kvm.diff']) {
        const st = statSync(path.join(dir, name));
        expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o640, 42, 43]);
      }
      // Nothing else: no temp file, no lock; grub.conf untouched.
      expect(listing(dir)).toEqual([...SAMPLE_FILES, 'grub.conf.kvm', 'grub.conf.kvm.diff'].sort());
      expect(sshd.connections(sshd.guest(alias).port) - before).toBe(1);
      if (long) expect(result.scriptBytes).toBeGreaterThan(pair.kvm.length);
    },
  );

  test('refuses an existing output without force, leaves it alone, and replaces the pair with force', async () => {
    const alias = `${shell}-exists`;
    const dir = grubDir(alias);
    writeFileSync(path.join(dir, 'grub.conf.kvm.diff'), 'an older diff\n');
    const pair = hardPair(readFileSync(path.join(dir, 'grub.conf')));
    const err = await refusal(alias, pairRequest(sshd.guest(alias).view, pair));
    expect(err.message).toBe(
      `refusing to replace /boot/grub/grub.conf.kvm.diff on guest ${alias}: it already exists (move it away, or give --force)`,
    );
    expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff'), 'utf8')).toBe('an older diff\n');
    expect(listing(dir)).toEqual([...SAMPLE_FILES, 'grub.conf.kvm.diff'].sort());

    const result = await withSession(alias, (s) =>
      writeRemotePair(s, pairRequest(sshd.guest(alias).view, pair, true)),
    );
    expect(result.replaced).toEqual(['/boot/grub/grub.conf.kvm.diff']);
    expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff')).equals(pair.diff)).toBe(true);
    expect(listing(dir)).toEqual([...SAMPLE_FILES, 'grub.conf.kvm', 'grub.conf.kvm.diff'].sort());
  });

  test('a lock held by a running writer stops the write and names it', async () => {
    const alias = `${shell}-alive`;
    const dir = grubDir(alias);
    // Guests share this machine's pids: this test process is a live writer as far as the guest can tell.
    writeFileSync(
      path.join(dir, '.grub.conf.kvm.lock'),
      `${process.pid}\nfix-clock-drift on ws7\n`,
    );
    const err = await refusal(
      alias,
      pairRequest(sshd.guest(alias).view, hardPair(Buffer.from('x'))),
    );
    expect(err.message).toBe(
      `another run is writing in /boot/grub on guest ${alias} (pid ${process.pid}, fix-clock-drift on ws7): wait for it to finish, then run again`,
    );
    expect(readFileSync(path.join(dir, '.grub.conf.kvm.lock'), 'utf8')).toBe(
      `${process.pid}\nfix-clock-drift on ws7\n`,
    );
    expect(listing(dir)).toEqual([...SAMPLE_FILES, '.grub.conf.kvm.lock'].sort());
  });

  test('a lock left by a run that is gone is reported with how to remove it, not taken over', async () => {
    const alias = `${shell}-gone`;
    const dir = grubDir(alias);
    const gone = spawnSync('true').pid;
    writeFileSync(path.join(dir, '.grub.conf.kvm.lock'), `${gone}\nfix-clock-drift on ws8\n`);
    const err = await refusal(
      alias,
      pairRequest(sshd.guest(alias).view, hardPair(Buffer.from('x'))),
    );
    expect(err.message).toBe(
      `/boot/grub/.grub.conf.kvm.lock on guest ${alias} was left by a run that is gone (pid ${gone}, fix-clock-drift on ws8): if no fix-clock-drift run is going on there, remove it (rm -f /boot/grub/.grub.conf.kvm.lock) and run again`,
    );
    expect(listing(dir)).toEqual([...SAMPLE_FILES, '.grub.conf.kvm.lock'].sort());
  });

  test('grub.conf changed since it was read: nothing is written', async () => {
    const alias = `${shell}-changed`;
    const dir = grubDir(alias);
    const req = pairRequest(sshd.guest(alias).view, hardPair(Buffer.from('x')));
    writeFileSync(path.join(dir, 'grub.conf'), 'edited meanwhile\n');
    const err = await refusal(alias, req);
    expect(err.message).toBe(
      `/boot/grub/grub.conf on guest ${alias} has changed since it was read (other content): run again to decide from what is there now; nothing was written`,
    );
    expect(listing(dir)).toEqual(SAMPLE_FILES);
  });

  test('a symbolic link at an output is refused, even with force', async () => {
    const alias = `${shell}-symlink`;
    const dir = grubDir(alias);
    symlinkSync('/etc/passwd', path.join(dir, 'grub.conf.kvm'));
    const err = await refusal(
      alias,
      pairRequest(sshd.guest(alias).view, hardPair(Buffer.from('x')), true),
    );
    expect(err.message).toBe(
      `refusing to write /boot/grub/grub.conf.kvm on guest ${alias}: it is a symbolic link (remove it, or write the files here with --output and --diff)`,
    );
    expect(listing(dir)).toEqual([...SAMPLE_FILES, 'grub.conf.kvm'].sort());
  });
});
