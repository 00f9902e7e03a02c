import jStat from 'jstat';

/** The two-sided coverage of the expanded uncertainty. */
export const COVERAGE = 0.95;

export interface FitPoint {
  t: number;
  offset: number;
  bound: number;
  /** The sample's round trip, seconds: fitted as a term when the readings are finer than it. */
  roundTrip?: number;
  /** The guest reading's resolution, seconds. */
  resolution?: number;
}

export interface DriftFit {
  /** Samples fitted. */
  n: number;
  /** Degrees of freedom of the residuals: n − 2, or n − 3 with the round-trip term. */
  dof: number;
  /** offset(t) = intercept + rate · t (+ roundTripTerm · round trip): the offset at t = 0, seconds. */
  intercept: number;
  /** Seconds gained per second (dimensionless): 1e-6 is 1 ppm, positive when the guest runs fast. */
  rate: number;
  /** Standard uncertainty of rate (one standard error). */
  rateUncertainty: number;
  /** Student's t quantile for COVERAGE with dof degrees of freedom. */
  coverageFactor: number;
  /** rateUncertainty × coverageFactor: rate ± this covers the true rate with probability COVERAGE. */
  rateExpanded: number;
  /** The weighted residuals' standard deviation, in units of the bounds. */
  scale: number;
  /** Offset seen per second of round trip, when that term was fitted; null otherwise. */
  roundTripTerm: number | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: readonly number[]): number => Math.max(...xs) - Math.min(...xs);

/**
 * Whether to fit the round-trip term: the readings must be finer than the
 * round trips (else the whole-second steps swamp it), the round trips must
 * vary, and two degrees of freedom must be left.
 */
function roundTrips(points: readonly FitPoint[]): number[] | undefined {
  if (points.length < 5) return undefined;
  const trips = points.map((p) => p.roundTrip ?? NaN);
  const fine = points.every((p) => p.resolution !== undefined && p.resolution < (p.roundTrip ?? 0));
  return fine && trips.every(Number.isFinite) && spread(trips) > 1e-7 ? trips : undefined;
}

/**
 * Weighted least squares of offset against time, with weights 1/bound².
 *
 * A sample's error is where, within its round trip, the guest read its clock,
 * relative to the middle. Two parts:
 *  - A consistent lean: the guest reads late when the command's start-up is
 *    most of the round trip (as with a new process per sample), early when
 *    the way back is. The error is then about a fixed fraction of the round
 *    trip, so a slower round trip shows a larger offset; round trips that
 *    trend over a run would pass for drift. With readings finer than the
 *    round trips, offset = a + b·t + c·roundTrip is fitted and b is the rate
 *    with that lean taken out (measured locally through libfaketime: the
 *    guest read at 85 % of the round trip, and without the term the rate
 *    was off by several standard errors).
 *  - Scatter around it, which grows with the round trip too: weights
 *    1/bound² make a sample stretched by a scheduling hiccup count for less.
 *    Only the weights' ratios are assumed; the common scale is estimated from
 *    the residuals, so the standard error reflects the scatter actually seen.
 *
 * Solved as ordinary least squares on rows scaled by 1/bound, with t and the
 * round trip centred (jstat's QR solver and coefficient standard errors).
 * Undefined with fewer than 3 samples or no spread in time.
 */
export function fitDrift(points: readonly FitPoint[]): DriftFit | undefined {
  const n = points.length;
  if (n < 3) return undefined;
  const tMean = mean(points.map((p) => p.t));
  if (spread(points.map((p) => p.t)) < 1e-9) return undefined;
  const trips = roundTrips(points);
  const tripMean = trips ? mean(trips) : 0;
  const exog = points.map((p, i) => {
    const row = [1 / p.bound, (p.t - tMean) / p.bound];
    if (trips) row.push(((trips[i] ?? 0) - tripMean) / p.bound);
    return row;
  });
  const endog = points.map((p) => p.offset / p.bound);
  const ols = jStat.models.ols(endog, exog);
  const [level = NaN, rate = NaN, perTrip] = ols.coef;
  const rateUncertainty = ols.t.se[1] ?? NaN;
  const dof = n - (trips ? 3 : 2);
  const coverageFactor = jStat.studentt.inv(1 - (1 - COVERAGE) / 2, dof);
  return {
    n,
    dof,
    intercept: level - rate * tMean - (perTrip ?? 0) * tripMean,
    rate,
    rateUncertainty,
    coverageFactor,
    rateExpanded: rateUncertainty * coverageFactor,
    scale: ols.t.sigmaHat,
    roundTripTerm: perTrip ?? null,
  };
}
