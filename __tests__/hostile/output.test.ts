import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CLI, REPO, applyWithPatch, runCli } from '../helpers/cli.js';
import { expectSameBytes } from '../helpers/bytes.js';
import {
  FACTS,
  TWO_ENTRIES,
  expectFailure,
  expectNothingLeft,
  expectOnlyAdded,
  expectSuccess,
  expectUntouched,
  isRoot,
  leftovers,
  manyEntries,
  runCliAs,
  snapshot,
  write,
  removeScratch,
  scratch,
} from './helpers.js';

afterAll(removeScratch);

function guest(): { dir: string; conf: string } {
  const dir = scratch();
  return { dir, conf: write(path.join(dir, 'grub.conf'), TWO_ENTRIES) };
}

describe('output paths that must not be written', () => {
  it.each([[[]], [['--force']]])(
    'a symlink at grub.conf.kvm is refused %j, and its target is untouched',
    (force) => {
      const { dir, conf } = guest();
      mkdirSync(path.join(dir, 'elsewhere'));
      write(path.join(dir, 'elsewhere/target'), 'keep\n');
      symlinkSync('elsewhere/target', `${conf}.kvm`);
      const before = snapshot(dir);
      const r = runCli([...FACTS, '--grub-conf', conf, ...force]);
      expectFailure(r, {
        code: 1,
        names: [`${conf}.kvm`],
        says: /symbolic link/,
        todo: /remove it or choose another path with --output/,
      });
      expectUntouched(before, snapshot(dir));
      expect(leftovers(dir)).toEqual([]);
    },
  );

  it('a dangling symlink at grub.conf.kvm is refused with --force, and nothing is created through it', () => {
    const { dir, conf } = guest();
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync('elsewhere/created-through-link', `${conf}.kvm`);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--force']);
    expectFailure(r, { code: 1, names: [`${conf}.kvm`], says: /symbolic link/ });
    expectUntouched(before, snapshot(dir));
  });

  it('a symlink at the diff path is refused before grub.conf.kvm is written', () => {
    const { dir, conf } = guest();
    write(path.join(dir, 'target'), 'keep\n');
    symlinkSync('target', `${conf}.kvm.diff`);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--force']);
    expectFailure(r, { code: 1, names: [`${conf}.kvm.diff`], says: /symbolic link/ });
    expectUntouched(before, snapshot(dir));
  });

  it('a directory at grub.conf.kvm is refused, even with --force', () => {
    const { dir, conf } = guest();
    mkdirSync(`${conf}.kvm`);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--force']);
    expectFailure(r, {
      code: 1,
      names: [`${conf}.kvm`],
      says: /it is a directory/,
      todo: /choose a file path with --output/,
    });
    expectUntouched(before, snapshot(dir));
    expect(leftovers(dir)).toEqual([]);
  });

  it('--output naming an existing directory is refused, even with --force', () => {
    const { dir, conf } = guest();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--output', out, '--force']);
    expectFailure(r, { code: 1, names: [out], says: /it is a directory/ });
    expectUntouched(before, snapshot(dir));
  });

  it('an existing grub.conf.kvm is refused without --force and replaced with it', () => {
    const { dir, conf } = guest();
    write(`${conf}.kvm`, 'old output\n');
    write(`${conf}.kvm.diff`, 'old diff\n');
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf]);
    expectFailure(r, {
      code: 1,
      names: [`${conf}.kvm`],
      says: /already exists/,
      todo: /move it away, or give --force/,
    });
    expectUntouched(before, snapshot(dir));
    expect(leftovers(dir)).toEqual([]);

    const forced = runCli([...FACTS, '--grub-conf', conf, '--force']);
    expectSuccess(forced);
    expect(readFileSync(`${conf}.kvm`, 'latin1')).toContain('notsc lpj=2394000');
    expectSameBytes(applyWithPatch(conf, `${conf}.kvm.diff`), readFileSync(`${conf}.kvm`));
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(conf, 'latin1')).toBe(TWO_ENTRIES);
  });
});

describe('a user who cannot write beside grub.conf (run as nobody)', () => {
  function worldReadableGuest(confMode: number): { dir: string; conf: string } {
    if (!isRoot()) throw new Error('these tests run as root (runuser -u nobody needs it)');
    const dir = scratch();
    chmodSync(dir, 0o755);
    return { dir, conf: write(path.join(dir, 'grub.conf'), TWO_ENTRIES, confMode) };
  }

  it('is told the directory is not writable and to use sudo, --dry-run or --output', () => {
    const { dir, conf } = worldReadableGuest(0o644);
    const before = snapshot(dir);
    const r = runCliAs('nobody', [...FACTS, '--grub-conf', conf]);
    expectFailure(r, {
      code: 1,
      names: [dir],
      says: /permission denied/,
      todo: /sudo.*--dry-run.*--output/,
    });
    expectUntouched(before, snapshot(dir));
    expectNothingLeft(dir);
  });

  it('can still --dry-run', () => {
    const { dir, conf } = worldReadableGuest(0o644);
    const before = snapshot(dir);
    const r = runCliAs('nobody', [...FACTS, '--grub-conf', conf, '--dry-run']);
    expectSuccess(r);
    expect(r.stdout).toContain('+\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/sda1 notsc');
    expectUntouched(before, snapshot(dir));
  });

  it('cannot read a grub.conf that is root-only, and is told to use sudo', () => {
    const { dir, conf } = worldReadableGuest(0o600);
    const before = snapshot(dir);
    const r = runCliAs('nobody', [...FACTS, '--grub-conf', conf]);
    expectFailure(r, { code: 1, names: [conf], says: /permission denied/, todo: /sudo/ });
    expectUntouched(before, snapshot(dir));
  });
});

describe('the lock beside the output', () => {
  it('a lock held by a live process: the run refuses with exit 1 naming the lock, and leaves it alone', () => {
    const { dir, conf } = guest();
    const lock = path.join(dir, '.grub.conf.kvm.lock');
    write(lock, `${process.pid}\n`, 0o600); // this test process: certainly alive
    const before = snapshot(dir);
    for (const extra of [[], ['--force']]) {
      const r = runCli([...FACTS, '--grub-conf', conf, ...extra]);
      expectFailure(r, {
        code: 1,
        names: [lock, String(process.pid)],
        says: /another fix-clock-drift run/,
        todo: /wait for it to finish/,
      });
      expectUntouched(before, snapshot(dir));
    }
  });

  it('a lock whose process is gone is taken over, and removed afterwards', () => {
    const { dir, conf } = guest();
    const dead = spawnSync('true').pid;
    expect(dead).toBeGreaterThan(0);
    const lock = path.join(dir, '.grub.conf.kvm.lock');
    write(lock, `${dead}\n`, 0o600);
    const r = runCli([...FACTS, '--grub-conf', conf]);
    expectSuccess(r);
    expect(leftovers(dir)).toEqual([]);
    expectSameBytes(applyWithPatch(conf, `${conf}.kvm.diff`), readFileSync(`${conf}.kvm`));
  });

  it('two runs at once on the same guest: one writes, the other refuses cleanly (or finds the pair written)', async () => {
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), manyEntries(100_000));
    const before = snapshot(dir);
    const once = (): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const c = spawn(process.execPath, [CLI, ...FACTS, '--grub-conf', conf], {
          cwd: REPO,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
        c.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([once(), once()]);
    const codes = results.map((x) => x.code).sort();
    const loser = results.find((x) => x.code === 1);
    if (loser === undefined) {
      // On a loaded machine the second run can start after the first ended:
      // it then finds the pair there with exactly its content, and writes nothing.
      expect(codes).toEqual([0, 0]);
      expect(results.map((x) => x.stderr)).toEqual(['', '']);
    } else {
      expect(codes).toEqual([0, 1]);
      expect(loser.stderr).toMatch(
        /^fix-clock-drift: (another fix-clock-drift run \(pid \d+\) is writing|refusing to replace).*\n$/,
      );
    }
    expectOnlyAdded(before, snapshot(dir), ['grub.conf.kvm', 'grub.conf.kvm.diff']);
    expectSameBytes(applyWithPatch(conf, `${conf}.kvm.diff`), readFileSync(`${conf}.kvm`));
  });
});
