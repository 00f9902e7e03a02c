import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ClockProbe, ProbeResult } from '../../../src/drift/probe.js';

/**
 * A guest clock for tests: libfaketime (Debian's libfaketime and faketime
 * packages) shifts and scales the clock of every process it is preloaded
 * into, FAKETIME="+offset xrate". Alone, it starts the rate afresh in each
 * process (the scaled time counts from that process's start), so successive
 * `date` commands would all show the bare offset. Processes that share the
 * shared memory of a running `faketime` wrapper (FAKETIME_SHARED) take its
 * start time instead, and FAKETIME_DONT_RESET=1 keeps each from resetting it:
 * then every command reads one clock, guest(t) = t + offset + (rate − 1)(t − t0),
 * with t0 the instant the first process under the wrapper started.
 */
export interface FakeClock {
  offset: number;
  rate: number;
  /** The environment of a process that should read the fake clock. */
  env: NodeJS.ProcessEnv;
  /** Epoch seconds between which t0 lies: before the wrapper was started, after its child spoke. */
  anchor: { earliest: number; latest: number };
  /** The fake clock's true offset at epoch second t, and how far t0's uncertainty moves it. */
  truth(t: number): { offset: number; slack: number };
  stop(): Promise<void>;
}

/** Debian installs the library under the multiarch directory. */
export function findLibfaketime(): string {
  for (const dir of ['/usr/lib', '/usr/local/lib']) {
    const candidates = [path.join(dir, 'faketime')];
    if (existsSync(dir)) {
      for (const sub of readdirSync(dir)) candidates.push(path.join(dir, sub, 'faketime'));
    }
    for (const c of candidates) {
      const lib = path.join(c, 'libfaketime.so.1');
      if (existsSync(lib)) return lib;
    }
  }
  throw new Error(
    'libfaketime.so.1 not found: install the Debian packages faketime and libfaketime',
  );
}

/**
 * Starts `faketime -f "+OFFSET xRATE" sh -c 'echo $FAKETIME_SHARED; exec cat'`:
 * the shell is the first process under the wrapper and so sets t0; it prints
 * the shared-memory names and becomes a `cat` that keeps the wrapper (and its
 * shared memory) alive until stop() closes its input.
 */
export async function startFakeClock(offset: number, rate: number): Promise<FakeClock> {
  const spec = `${offset >= 0 ? '+' : ''}${offset} x${rate}`;
  const lib = findLibfaketime();
  const earliest = Date.now() / 1000 - 0.001;
  const wrapper: ChildProcess = spawn(
    'faketime',
    ['-f', spec, '/bin/sh', '-c', 'echo "$FAKETIME_SHARED"; exec /bin/cat'],
    { env: { ...process.env, FAKETIME_DONT_RESET: '1' }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => wrapper.once('exit', () => resolve()));
  const lines = createInterface({ input: wrapper.stdout! });
  const shared = await new Promise<string>((resolve, reject) => {
    wrapper.once('error', reject);
    lines.once('line', resolve);
    lines.once('close', () => reject(new Error('faketime ended before it started its child')));
  });
  const latest = Date.now() / 1000 + 0.001;
  if (!/^\/faketime_sem_\d+ \/faketime_shm_\d+$/.test(shared)) {
    wrapper.kill();
    throw new Error(`faketime gave no shared memory: ${JSON.stringify(shared)}`);
  }
  const env = {
    ...process.env,
    LD_PRELOAD: lib,
    FAKETIME: spec,
    FAKETIME_SHARED: shared,
    FAKETIME_DONT_RESET: '1',
  };
  return {
    offset,
    rate,
    env,
    anchor: { earliest, latest },
    truth(t) {
      const middle = (earliest + latest) / 2;
      return {
        offset: offset + (rate - 1) * (t - middle),
        slack: (Math.abs(rate - 1) * (latest - earliest)) / 2,
      };
    },
    async stop() {
      wrapper.stdin!.end();
      const timer = setTimeout(() => wrapper.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A ClockProbe that runs each command in a local sh with the given environment. */
export function localProbe(env: NodeJS.ProcessEnv): ClockProbe {
  return {
    run: (command) =>
      new Promise<ProbeResult>((resolve, reject) => {
        execFile('/bin/sh', ['-c', command], { env, encoding: 'utf8' }, (err, stdout, stderr) => {
          if (err && typeof err.code === 'string') return reject(err);
          resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
        });
      }),
  };
}
