// Timing and peak-memory of child processes, and the summary statistics the
// report uses. Processes are run with spawnSync: it blocks until the child
// has exited, so the clock is not skewed by when the event loop gets round
// to an 'exit' event.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Median (mean of the middle two for an even count), min and max. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], runs: n };
}

/**
 * The error for a failed run. Timed runs discard stderr, so the command is
 * run once more with stderr captured to say why (a common cause: dist/
 * rebuilt or a src/ change that broke the CLI).
 */
function fail(cmd, args, r, env) {
  const why = r.error ? r.error.message : `exit status ${r.status ?? r.signal}`;
  const again = spawnSync(cmd, args, {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = (again.stderr ?? '').trim().split('\n').slice(-20).join('\n');
  return new Error(
    `benchmark command failed (${why}): ${cmd} ${args.join(' ')}${stderr ? `\n${stderr}` : ''}`,
  );
}

/**
 * Wall time of one run in milliseconds, stdout and stderr to /dev/null as a
 * user piping the output away would have them. `okStatus` lists the exit
 * codes that are not a crash (GNU diff exits 1 when the files differ).
 */
export function timeRun(cmd, args, okStatus = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error || !okStatus.includes(r.status)) throw fail(cmd, args, r);
  return ms;
}

/**
 * How peak memory (max RSS) is read:
 * - GNU time (`/usr/bin/time -f %M`): the kernel's own rusage of the child,
 *   nothing added to the process being measured. Preferred.
 * - otherwise a preload (`node --import`) that writes the process's own
 *   `process.resourceUsage().maxRSS` on exit. Same kernel number, read from
 *   inside; the preload itself costs a few hundred KB. (spawnSync reports no
 *   rusage of the child, so the parent cannot read it.)
 * Install GNU time with `apt-get install -y time` to get the first.
 */
export function peakMemoryProbe(tmp) {
  const gnu = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' });
  if (!gnu.error && `${gnu.stdout}${gnu.stderr}`.includes('GNU')) {
    return { method: 'GNU time (/usr/bin/time -f %M)', wrap: gnuTimeWrap(tmp) };
  }
  const preload = path.join(tmp, 'maxrss-preload.mjs');
  writeFileSync(
    preload,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => writeFileSync(process.env.FCD_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  return {
    method: 'process.resourceUsage().maxRSS via a node --import preload (GNU time not found)',
    wrap: preloadWrap(tmp, pathToFileURL(preload).href),
  };
}

/** Peak RSS in MB (1024 * 1024 bytes) of one run, through GNU time. */
function gnuTimeWrap(tmp) {
  const out = path.join(tmp, 'maxrss.txt');
  return (cmd, args, okStatus = [0]) => {
    rmSync(out, { force: true });
    const full = ['-f', '%M', '-o', out, cmd, ...args];
    const r = spawnSync('/usr/bin/time', full, { stdio: 'ignore' });
    if (r.error || !okStatus.includes(r.status)) throw fail('/usr/bin/time', full, r);
    // GNU time writes "Command exited with non-zero status N" first for N != 0.
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
    return kb / 1024;
  };
}

/** Peak RSS in MB of one node run, read by the preload. Only for node commands. */
function preloadWrap(tmp, preloadUrl) {
  const out = path.join(tmp, 'maxrss.txt');
  return (cmd, args, okStatus = [0]) => {
    if (cmd !== process.execPath) return undefined;
    rmSync(out, { force: true });
    const full = ['--import', preloadUrl, ...args];
    const env = { ...process.env, FCD_BENCH_RSS_FILE: out };
    const r = spawnSync(cmd, full, { stdio: 'ignore', env });
    if (r.error || !okStatus.includes(r.status) || !existsSync(out)) throw fail(cmd, full, r, env);
    return Number(readFileSync(out, 'utf8')) / 1024;
  };
}

function runOnce(c, measure) {
  const { cmd, args, okStatus, cleanup } = c.command();
  try {
    return measure(cmd, args, okStatus);
  } finally {
    cleanup?.();
  }
}

/**
 * Round-robin: run k of every case before run k+1 of any, so a slow patch
 * of the machine (another build, a GC in the parent, thermal drift) spreads
 * over all cases instead of landing on one and skewing the ratios. One
 * untimed run of each first fills the page cache.
 */
export function measureCases(cases, memory, label = 'end-to-end') {
  const wall = new Map(cases.map((c) => [c.id, []]));
  const rss = new Map(cases.map((c) => [c.id, []]));
  for (const c of cases) runOnce(c, timeRun);
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`bench: ${label} round ${round + 1}/${rounds}\n`);
    for (const c of cases) {
      if (round >= c.runs) continue;
      wall.get(c.id).push(runOnce(c, timeRun));
      if (c.memory) {
        const mb = runOnce(c, memory.wrap);
        if (mb !== undefined) rss.get(c.id).push(mb);
      }
    }
  }
  const metrics = {};
  for (const c of cases) {
    metrics[`${c.id}.wall`] = summarize(wall.get(c.id));
    if (rss.get(c.id).length) metrics[`${c.id}.rss`] = summarize(rss.get(c.id));
  }
  return metrics;
}
