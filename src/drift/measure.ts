import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../shared/errors.js';
import { parseGuestTime } from './guest-time.js';
import { GUEST_DATE_COMMAND, type ClockProbe } from './probe.js';
import { toSample, type Sample } from './sample.js';
import { anchoredClock, type WorkstationClock } from './workstation-clock.js';

export const DEFAULT_DURATION = 30;
export const DEFAULT_INTERVAL = 1;

export interface MeasureOptions {
  probe: ClockProbe;
  /** How the guest is named in messages, e.g. "root@rhel3". */
  guest: string;
  /** Seconds from the first sample to the last (default 30); 0 takes one sample. */
  duration?: number;
  /** Seconds between the starts of samples (default 1). */
  interval?: number;
  /** The workstation's clock; a fresh anchoredClock() by default. */
  clock?: WorkstationClock;
  /** Stops the run between samples; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each sample, e.g. to show progress. */
  onSample?: (sample: Sample, index: number) => void;
}

export interface Measurement {
  guest: string;
  /** Whole epoch milliseconds that the samples' t counts from. */
  originMs: number;
  samples: Sample[];
}

function checkSeconds(value: number, flag: string, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(
      `${flag} ${value}: give a number of seconds from ${min === 0 ? '0' : min} to ${max}`,
    );
  }
}

/**
 * Sleeps until the clock reaches `target` seconds. libuv times from a loop
 * time that may be stale, so a timer can fire a little early: it sleeps again
 * until the time has really come.
 */
async function waitUntil(
  clock: WorkstationClock,
  target: number,
  signal?: AbortSignal,
): Promise<void> {
  let wait: number;
  while ((wait = target - clock.elapsed()) > 0) {
    // timers/promises rejects with its own AbortError: the caller's reason is more telling.
    await sleep(wait * 1000, undefined, { signal }).catch((err: unknown) => {
      signal?.throwIfAborted();
      throw err;
    });
  }
}

/**
 * Samples the guest's clock every `interval` seconds for `duration` seconds,
 * one round trip per sample: each `date` is bracketed by the workstation's
 * clock read just before the command is sent and just after its answer is in.
 * (One command printing several dates with sleeps between them would save the
 * per-command cost but leave all but the first reading unbracketed.) Samples
 * stay on the grid 0, interval, 2·interval, ...: a slot missed because a round
 * trip took longer than the interval is skipped, not made up.
 */
export async function measureDrift(options: MeasureOptions): Promise<Measurement> {
  const duration = options.duration ?? DEFAULT_DURATION;
  const interval = options.interval ?? DEFAULT_INTERVAL;
  checkSeconds(duration, '--duration', 0, 7 * 86400);
  checkSeconds(interval, '--interval', 0.001, 86400);
  const clock = options.clock ?? anchoredClock();
  const samples: Sample[] = [];
  for (let slot = 0; slot * interval <= duration + 1e-9;) {
    await waitUntil(clock, slot * interval, options.signal);
    options.signal?.throwIfAborted();
    const before = clock.elapsed();
    const result = await options.probe.run(GUEST_DATE_COMMAND);
    const after = clock.elapsed();
    const sample = toSample(before, after, parseGuestTime(result, options.guest), clock);
    samples.push(sample);
    options.onSample?.(sample, samples.length - 1);
    slot = Math.max(slot + 1, Math.ceil(clock.elapsed() / interval));
  }
  return { guest: options.guest, originMs: clock.originMs, samples };
}
