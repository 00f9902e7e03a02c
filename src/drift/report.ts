import { COVERAGE, fitDrift } from './fit.js';
import type { LocalClockStatus } from './local-clock-parse.js';
import type { Measurement } from './measure.js';
import type { Sample } from './sample.js';
import { judge, overall, type ThresholdCheck, type Verdict } from './verdict.js';

export const SECONDS_PER_DAY = 86400;

export interface Thresholds {
  /** --max-offset: the largest acceptable |offset|, seconds. */
  maxOffset?: number;
  /** --max-ppm: the largest acceptable |drift rate|, ppm. */
  maxPpm?: number;
}

/** A limit that could not be judged for want of a rate (fewer than 3 samples). */
export interface UnjudgedCheck {
  limit: number;
  value: null;
  margin: null;
  verdict: 'undecided';
}

/** What `drift --json` prints. Only plain values; times in seconds unless named ppm. */
export interface DriftReport {
  check: 'drift';
  guest: string;
  /** ISO time of the run's origin (t = 0 of the samples). */
  startedAt: string;
  /** Seconds from the first sample to the last. */
  duration: number;
  sampleCount: number;
  /** The coarsest resolution of the guest's readings, seconds. */
  resolution: number;
  /** True when the guest's date has no %N and printed whole seconds. */
  wholeSeconds: boolean;
  /** Round trips of the samples: what one sample cost. */
  roundTrip: { min: number; median: number; max: number };
  /** The last sample's offset; the truth lies within seconds ± bound. */
  offset: { seconds: number; bound: number; at: string };
  /** The fitted drift rate; null with fewer than 3 samples. */
  rate: {
    ppm: number;
    /** Standard uncertainty (one standard error), ppm. */
    uncertaintyPpm: number;
    /** Expanded uncertainty at `coverage`, ppm: what the verdict allows for. */
    expandedPpm: number;
    coverage: number;
    coverageFactor: number;
    /** Seconds the guest gains per day (negative: loses). */
    secondsPerDay: number;
    expandedSecondsPerDay: number;
    /** Residual degrees of freedom of the fit. */
    dof: number;
    /** Offset seen per second of round trip (the guest's lean within it), when fitted. */
    roundTripTerm: number | null;
    method: string;
  } | null;
  workstation: { synchronised: boolean | null; source: string; detail: string };
  thresholds: {
    maxOffset: ThresholdCheck | null;
    maxPpm: ThresholdCheck | UnjudgedCheck | null;
  };
  /** 'exceeds' if any limit is exceeded, else 'undecided' if any is, else 'within'; 'none' without limits. */
  verdict: Verdict | 'none';
  samples: Sample[];
}

const METHOD =
  'weighted least squares of offset on time, weights 1/bound^2, scale from the residuals; ' +
  "expanded uncertainty = Student's t (dof) x standard error";
const ROUND_TRIP = '; a round-trip term takes out where within its round trip the guest reads';

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * The report on a measurement: the final offset with its hard bound, the
 * fitted rate with its uncertainty, the workstation's own sync status, and
 * each threshold's verdict. The offset limit is judged with the bound (a hard
 * limit on the error); the rate limit with the 95 % expanded uncertainty.
 */
export function buildDriftReport(
  measurement: Measurement,
  workstation: LocalClockStatus,
  thresholds: Thresholds = {},
): DriftReport {
  const { samples } = measurement;
  const last = samples[samples.length - 1];
  const first = samples[0];
  if (!last || !first) throw new Error('buildDriftReport: a measurement has at least one sample');
  const fit = fitDrift(samples);
  const trips = samples.map((s) => s.roundTrip).sort((a, b) => a - b);
  const resolution = Math.max(...samples.map((s) => s.resolution));
  const rate = fit && {
    ppm: fit.rate * 1e6,
    uncertaintyPpm: fit.rateUncertainty * 1e6,
    expandedPpm: fit.rateExpanded * 1e6,
    coverage: COVERAGE,
    coverageFactor: fit.coverageFactor,
    secondsPerDay: fit.rate * SECONDS_PER_DAY,
    expandedSecondsPerDay: fit.rateExpanded * SECONDS_PER_DAY,
    dof: fit.dof,
    roundTripTerm: fit.roundTripTerm,
    method: fit.roundTripTerm === null ? METHOD : METHOD + ROUND_TRIP,
  };
  const maxOffset =
    thresholds.maxOffset === undefined
      ? null
      : judge(last.offset, last.bound, thresholds.maxOffset);
  const maxPpm =
    thresholds.maxPpm === undefined
      ? null
      : rate
        ? judge(rate.ppm, rate.expandedPpm, thresholds.maxPpm)
        : ({ limit: thresholds.maxPpm, value: null, margin: null, verdict: 'undecided' } as const);
  const at = (t: number): string => new Date(measurement.originMs + t * 1000).toISOString();
  return {
    check: 'drift',
    guest: measurement.guest,
    startedAt: at(0),
    duration: last.t - first.t,
    sampleCount: samples.length,
    resolution,
    wholeSeconds: resolution >= 1,
    roundTrip: { min: trips[0] ?? NaN, median: median(trips), max: trips[trips.length - 1] ?? NaN },
    offset: { seconds: last.offset, bound: last.bound, at: at(last.t) },
    rate: rate ?? null,
    workstation: { ...workstation, synchronised: workstation.synchronised ?? null },
    thresholds: { maxOffset, maxPpm },
    verdict: overall([maxOffset, maxPpm]),
    samples,
  };
}
