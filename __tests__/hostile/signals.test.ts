import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, watch } from 'node:fs';
import path from 'node:path';
import { CLI, REPO, applyWithPatch, outputsIn } from '../helpers/cli.js';
import { expectSameBytes } from '../helpers/bytes.js';
import {
  FACTS,
  expectNothingLeft,
  expectOnlyAdded,
  expectUntouched,
  manyEntries,
  snapshot,
  write,
  removeScratch,
  scratch,
  leftovers,
} from './helpers.js';

afterAll(removeScratch);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The directory's listing when the signal was sent. */
  seen?: string[];
}

const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs the CLI on `conf` and sends `signal` after `afterMs`, or as soon as a
 * file whose name matches `when` appears beside grub.conf (polled as fast as
 * the event loop allows).
 */
function runAndKill(
  conf: string,
  signal: NodeJS.Signals,
  trigger: { afterMs: number } | { when: RegExp },
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...FACTS, '--grub-conf', conf], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let seen: string[] | undefined;
    let done = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      done = true;
      resolve({ code, signal: sig, stderr, ...(seen ? { seen } : {}) });
    });
    if ('afterMs' in trigger) {
      setTimeout(() => child.kill(signal), trigger.afterMs);
      return;
    }
    // Woken by inotify at each change in the directory: as soon as a busy
    // poll would see the file, without taking a CPU from the run it waits on.
    const dir = path.dirname(conf);
    const watcher = watch(dir);
    const check = (): void => {
      if (done || seen) return;
      const list = readdirSync(dir);
      if (list.some((f) => trigger.when.test(f))) {
        seen = list;
        child.kill(signal);
        watcher.close();
      }
    };
    watcher.on('change', check);
    child.on('close', () => watcher.close());
    check();
  });
}

/** The exit status reflects the signal: 128+n from the handler, or death by the signal itself before it was installed. */
function expectSignalled(e: Exit, signal: NodeJS.Signals): void {
  const status = e.signal ?? e.code;
  expect([EXIT_CODE[signal], signal]).toContain(status);
  expect(e.stderr).not.toMatch(/\n\s+at /);
  // The handler starts with a newline, to end a line a terminal's ^C left open.
  expect(e.stderr.trim().split('\n').length).toBeLessThanOrEqual(1);
  if (e.stderr.trim() !== '') expect(e.stderr).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
}

/**
 * The runs on a 6-10 MB config, and patch(1) applying its diff, are slow on a
 * loaded 2-CPU machine: a guard against a hang, not a measure of speed.
 */
const BIG_RUN_TIMEOUT_MS = 120_000;

/** A config whose run spends a second or two before writing about 6 MB and a larger diff. */
function bigWrite(): { dir: string; conf: string } {
  const dir = scratch();
  return { dir, conf: write(path.join(dir, 'grub.conf'), manyEntries(120_000)) };
}

describe('a run killed by a signal', () => {
  // One 10 MB config for both: nothing is written to its directory when all goes well.
  const dir = scratch();
  const conf = write(path.join(dir, 'grub.conf'), manyEntries(200_000));

  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])(
    '%s at a random moment in the first 200 ms: grub.conf unchanged, no temp or lock file',
    async (signal) => {
      const before = snapshot(dir);
      const afterMs = 50 + Math.floor(Math.random() * 150);
      const e = await runAndKill(conf, signal, { afterMs });
      expectSignalled(e, signal);
      expectUntouched(before, snapshot(dir));
      expectNothingLeft(dir);
    },
    BIG_RUN_TIMEOUT_MS,
  );

  it(
    'SIGINT while a temp file is being written: the temp file and the lock are removed',
    async () => {
      const { dir: d, conf: c } = bigWrite();
      const before = snapshot(d);
      // The output's temp file (.grub.conf.kvm.PID.RANDOM.tmp), not the lock's own.
      const e = await runAndKill(c, 'SIGINT', { when: /^\.grub\.conf\.kvm\.\d+\.[0-9a-f]+\.tmp$/ });
      expect(e.seen).toEqual(expect.arrayContaining(['.grub.conf.kvm.lock']));
      expectSignalled(e, 'SIGINT');
      expect(e.code).toBe(130);
      expectUntouched(before, snapshot(d));
      expectNothingLeft(d);
    },
    BIG_RUN_TIMEOUT_MS,
  );

  it(
    'SIGTERM once grub.conf.kvm is in place: never a half pair, and the message is true',
    async () => {
      const { dir: d, conf: c } = bigWrite();
      const before = snapshot(d);
      const e = await runAndKill(c, 'SIGTERM', { when: /^grub\.conf\.kvm$/ });
      // The signal is sent the moment grub.conf.kvm appears; the diff follows it
      // within a few syscalls, so where the signal lands depends on the machine.
      // Each of the three outcomes keeps the promise: the pair, or nothing.
      const after = snapshot(d);
      if (e.code === 0) {
        // The run ended before the signal was delivered: it wrote the pair.
        expect(e.stderr).toBe('');
        expectOnlyAdded(before, after, ['grub.conf.kvm', 'grub.conf.kvm.diff']);
      } else {
        expectSignalled(e, 'SIGTERM');
        expect(e.code).toBe(143);
        if (e.stderr.includes('nothing was written')) expectUntouched(before, after);
        else {
          // A run that says it wrote the pair must have written all of it.
          expect(e.stderr).toContain('grub.conf.kvm and');
          expectOnlyAdded(before, after, ['grub.conf.kvm', 'grub.conf.kvm.diff']);
        }
      }
      if (outputsIn(d).length > 0)
        expectSameBytes(applyWithPatch(c, `${c}.kvm.diff`), readFileSync(`${c}.kvm`));
      expect(leftovers(d)).toEqual([]);
    },
    BIG_RUN_TIMEOUT_MS,
  );
});

describe('a reader that goes away (| head)', () => {
  it('ends the run without a stack trace; the outputs were written', async () => {
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), manyEntries(5000));
    const before = snapshot(dir);
    const e = await new Promise<Exit>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...FACTS, '--grub-conf', conf], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy(); // the read end closes: the CLI's writes get EPIPE
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    expect(e.stderr).not.toMatch(/\n\s+at /);
    expect(e).toEqual({ code: 0, signal: null, stderr: '' });
    expectOnlyAdded(before, snapshot(dir), ['grub.conf.kvm', 'grub.conf.kvm.diff']);
  });
});
