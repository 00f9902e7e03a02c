/**
 * The workstation's side of the comparison: wall-clock time with sub-microsecond
 * resolution and no steps during a run.
 *
 * Node has no high-resolution wall clock: Date.now() is the wall clock but in
 * whole milliseconds, process.hrtime is fine-grained but monotonic (arbitrary
 * origin). So the monotonic clock is anchored to the wall clock once, at the
 * start of the run, at the instant Date.now() ticks over to a new millisecond:
 * there the wall clock is known to within the few tens of nanoseconds one turn
 * of the wait loop takes. From then on time advances with CLOCK_MONOTONIC, which
 * Linux slews with NTP's frequency correction but never steps, so a step of the
 * wall clock mid-run cannot put a jump into the samples and the fitted rate is
 * relative to the NTP-disciplined frequency.
 *
 * `performance.timeOrigin + performance.now()` is the same construction, but
 * anchored when the process started (possibly long before the run, across a
 * step of the wall clock) and its origin is read with microsecond resolution;
 * anchoring here keeps the anchor fresh and its error explicit.
 */
export interface WorkstationClock {
  /** Whole epoch milliseconds at which elapsed() was 0. */
  readonly originMs: number;
  /** Largest error of originMs as a wall-clock time, in seconds. */
  readonly originError: number;
  /** Seconds since originMs, from the monotonic clock. */
  elapsed(): number;
}

/** A tick is at most 1 ms away; 20 ms covers a descheduled wait loop. */
const MAX_WAIT_NS = 20_000_000n;
/** Ticks tried when the process was descheduled while waiting for one. */
const ATTEMPTS = 5;
/** A window this narrow is as good as the loop gets. */
const GOOD_WINDOW_NS = 5_000n;

interface Tick {
  ms: number;
  /** Monotonic instant at which the wall clock was ms, to within window / 2. */
  at: bigint;
  window: bigint;
}

/**
 * Waits for Date.now() to tick. The tick happened after the previous
 * Date.now() call began and before the current one ended: the monotonic
 * instant in the middle of that window is the anchor, half the window its error.
 */
function nextTick(): Tick | undefined {
  let start = process.hrtime.bigint();
  const first = Date.now();
  const deadline = start + MAX_WAIT_NS;
  for (;;) {
    const begin = process.hrtime.bigint();
    const ms = Date.now();
    const end = process.hrtime.bigint();
    if (ms !== first) return { ms, at: (start + end) / 2n, window: end - start };
    if (end > deadline) return undefined;
    start = begin;
  }
}

export function anchoredClock(): WorkstationClock {
  let best: Tick | undefined;
  for (let i = 0; i < ATTEMPTS && (!best || best.window > GOOD_WINDOW_NS); i++) {
    const tick = nextTick();
    if (tick && (!best || tick.window < best.window)) best = tick;
  }
  if (!best) {
    // Date.now() did not move for 20 ms (a frozen or very coarse clock): the
    // anchor is then known only to the millisecond, and the error says so.
    const origin = process.hrtime.bigint();
    return { originMs: Date.now(), originError: 1e-3, elapsed: () => since(origin) };
  }
  const origin = best.at;
  return {
    originMs: best.ms,
    originError: Number(best.window) / 2e9,
    elapsed: () => since(origin),
  };
}

function since(origin: bigint): number {
  return Number(process.hrtime.bigint() - origin) / 1e9;
}
