import type { GuestReading } from './guest-time.js';
import type { WorkstationClock } from './workstation-clock.js';

/** One bracketed comparison of the guest's clock with the workstation's. */
export interface Sample {
  /** Workstation time at the middle of the round trip, seconds since the run's origin. */
  t: number;
  /** Guest time minus workstation time, seconds: positive when the guest is ahead. */
  offset: number;
  /**
   * The true offset lies within offset ± bound: the guest read its clock at some
   * instant between `before` and `after`, so at most half the round trip from
   * the middle; a truncated reading is taken at the middle of its resolution
   * step, so half a step more; and the workstation's anchor adds its own error.
   */
  bound: number;
  /** after − before, seconds: what one sample costs. */
  roundTrip: number;
  /** The guest reading's resolution, seconds. */
  resolution: number;
}

/**
 * Turns a reading taken between `before` and `after` (seconds on `clock`)
 * into a sample. The guest's epoch seconds are taken relative to the origin's
 * whole second before any fraction is added, so no digit is lost to the
 * doubles' 2^53 (an epoch time in nanoseconds would not fit).
 */
export function toSample(
  before: number,
  after: number,
  reading: GuestReading,
  clock: Pick<WorkstationClock, 'originMs' | 'originError'>,
): Sample {
  const originSecond = Math.floor(clock.originMs / 1000);
  const originFraction = (clock.originMs - originSecond * 1000) / 1000;
  const guest =
    reading.seconds - originSecond - originFraction + reading.fraction + reading.resolution / 2;
  const t = (before + after) / 2;
  const roundTrip = after - before;
  return {
    t,
    offset: guest - t,
    bound: roundTrip / 2 + reading.resolution / 2 + clock.originError,
    roundTrip,
    resolution: reading.resolution,
  };
}
