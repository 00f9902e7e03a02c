import jStat from 'jstat';

/** The two-sided coverage of the expanded uncertainty. */
export const COVERAGE = 0.95;

export interface DriftFit {
  /** Samples fitted. */
  n: number;
  /** offset(t) = intercept + rate · t: the offset at t = 0, seconds. */
  intercept: number;
  /** Seconds gained per second (dimensionless): 1e-6 is 1 ppm, positive when the guest runs fast. */
  rate: number;
  /** Standard uncertainty of rate (one standard error). */
  rateUncertainty: number;
  /** Student's t quantile for COVERAGE with n − 2 degrees of freedom. */
  coverageFactor: number;
  /** rateUncertainty × coverageFactor: rate ± this covers the true rate with probability COVERAGE. */
  rateExpanded: number;
  /** The weighted residuals' standard deviation, in units of the bounds (≈ how much of each bound the scatter uses). */
  scale: number;
}

export interface FitPoint {
  t: number;
  offset: number;
  bound: number;
}

/**
 * Weighted least squares of offset against time, with weights 1/bound².
 *
 * Why weighted: a sample's error is where within its round trip the guest
 * read its clock, relative to the middle — a fraction of half the round trip
 * (plus, for a whole-second guest, where within the second it was). If that
 * fraction is distributed alike for all samples, each error's standard
 * deviation is proportional to its bound, and 1/bound² are the right weights;
 * a sample whose round trip was stretched by a scheduling hiccup counts for
 * less instead of pulling the line. Only the ratios of the weights are
 * assumed: the common scale is estimated from the residuals, so the standard
 * error reflects the scatter actually seen (it is the usual OLS standard
 * error when all bounds are equal).
 *
 * Solved as ordinary least squares on rows scaled by 1/bound (jstat's QR
 * solver and its coefficient standard errors). Undefined with fewer than 3
 * samples or no spread in time: no slope with an uncertainty then.
 */
export function fitDrift(points: readonly FitPoint[]): DriftFit | undefined {
  const n = points.length;
  if (n < 3) return undefined;
  // Centring t keeps the two columns far from collinear.
  const mean = points.reduce((sum, p) => sum + p.t, 0) / n;
  if (points.every((p) => Math.abs(p.t - mean) < 1e-9)) return undefined;
  const exog = points.map((p) => [1 / p.bound, (p.t - mean) / p.bound]);
  const endog = points.map((p) => p.offset / p.bound);
  const ols = jStat.models.ols(endog, exog);
  const [level = NaN, rate = NaN] = ols.coef;
  const rateUncertainty = ols.t.se[1] ?? NaN;
  const coverageFactor = jStat.studentt.inv(1 - (1 - COVERAGE) / 2, n - 2);
  return {
    n,
    intercept: level - rate * mean,
    rate,
    rateUncertainty,
    coverageFactor,
    rateExpanded: rateUncertainty * coverageFactor,
    scale: ols.t.sigmaHat,
  };
}
