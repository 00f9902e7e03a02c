import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { COVERAGE, fitDrift, type FitPoint } from '../../src/drift/fit.js';

type Rng = ReturnType<typeof xoroshiro128plus>;

/** Box–Muller: a standard normal deviate from two uniform ones. */
function normal(rng: Rng): number {
  const u = 1 - uniformFloat64(rng); // (0, 1]: log(0) is not a number
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformFloat64(rng));
}

interface Truth {
  intercept: number;
  rate: number;
}

/**
 * Synthetic samples like a real run's: one per second, bounds that vary as
 * round trips do (1 to 20 ms), and an error per sample drawn by `error`.
 */
function synthetic(
  rng: Rng,
  truth: Truth,
  n: number,
  error: (bound: number) => number,
): FitPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const bound = 0.001 + 0.019 * uniformFloat64(rng);
    return { t: i, offset: truth.intercept + truth.rate * i + error(bound), bound };
  });
}

/** Over `runs` seeded runs: how often |rate − truth| ≤ the expanded and the standard uncertainty. */
function coverage(
  seed: number,
  runs: number,
  n: number,
  error: (rng: Rng, bound: number) => number,
): { expanded: number; standard: number } {
  const rng = xoroshiro128plus(seed);
  const truth = { intercept: 5, rate: 1e-3 };
  let expanded = 0;
  let standard = 0;
  for (let run = 0; run < runs; run++) {
    const fit = fitDrift(synthetic(rng, truth, n, (b) => error(rng, b)))!;
    const miss = Math.abs(fit.rate - truth.rate);
    if (miss <= fit.rateExpanded) expanded++;
    if (miss <= fit.rateUncertainty) standard++;
  }
  return { expanded: expanded / runs, standard: standard / runs };
}

describe('fitDrift', () => {
  it('recovers an exact line exactly', () => {
    const points = [0, 1, 2, 3, 4].map((t) => ({ t, offset: 2 - 5e-4 * t, bound: 0.002 }));
    const fit = fitDrift(points)!;
    expect(fit.rate).toBeCloseTo(-5e-4, 12);
    expect(fit.intercept).toBeCloseTo(2, 12);
    expect(fit.rateUncertainty).toBeLessThan(1e-12);
  });

  it('gives no rate without 3 samples spread in time', () => {
    expect(fitDrift([])).toBeUndefined();
    expect(
      fitDrift([
        { t: 0, offset: 1, bound: 0.01 },
        { t: 1, offset: 1, bound: 0.01 },
      ]),
    ).toBeUndefined();
    const sameTime = [1, 2, 3].map((offset) => ({ t: 7, offset, bound: 0.01 }));
    expect(fitDrift(sameTime)).toBeUndefined();
  });

  it("uses Student's t with n − 2 degrees of freedom for the expanded uncertainty", () => {
    const points = [0, 1, 2].map((t) => ({
      t,
      offset: t * 1e-3 + (t === 1 ? 1e-4 : 0),
      bound: 0.01,
    }));
    const fit = fitDrift(points)!;
    expect(fit.coverageFactor).toBeCloseTo(12.706, 3); // t(0.975, 1)
    expect(fit.rateExpanded).toBeCloseTo(fit.rateUncertainty * 12.706, 6);
    expect(COVERAGE).toBe(0.95);
  });

  // Errors normal with σ ∝ bound: the model the weights assume. The slope's
  // error is then exactly t-distributed with n − 2 degrees of freedom, so the
  // 95 % interval covers the truth in 95 % of runs and one standard error in
  // P(|t₂₈| < 1) = 67.4 %. 4000 seeded runs: the binomial standard deviation
  // is 0.34 % and 0.74 %; the ranges allow about 4 of them.
  it('covers the true rate at the stated level when errors follow the model (4000 seeded runs)', () => {
    const seen = coverage(20240601, 4000, 30, (rng, bound) => 0.3 * bound * normal(rng));
    expect(seen.expanded).toBeGreaterThan(0.936);
    expect(seen.expanded).toBeLessThan(0.964);
    expect(seen.standard).toBeGreaterThan(0.644);
    expect(seen.standard).toBeLessThan(0.704);
  });

  // Errors uniform across the whole bound: the worst spread the bounds allow
  // (a reading anywhere in its round trip). Not normal, but the t interval is
  // robust to that: coverage stays near 95 %.
  it('still covers about 95 % with errors spread uniformly over the bounds (4000 seeded runs)', () => {
    const seen = coverage(77, 4000, 30, (rng, bound) => bound * (2 * uniformFloat64(rng) - 1));
    expect(seen.expanded).toBeGreaterThan(0.93);
    expect(seen.expanded).toBeLessThan(0.97);
  });

  it('covers the truth with few samples too, where t(0.975, n − 2) is well above 2 (4000 seeded runs)', () => {
    const seen = coverage(9, 4000, 5, (rng, bound) => 0.3 * bound * normal(rng));
    expect(seen.expanded).toBeGreaterThan(0.936);
    expect(seen.expanded).toBeLessThan(0.964);
  });

  // The lean seen through libfaketime: the guest reads its clock late, at
  // 85 % of the round trip, so the error is +0.35 × round trip, and round
  // trips that trend over the run (here from 10 to 30 ms) would pass for drift
  // of 0.35 × 20 ms / 29 s = 241 ppm. With the round-trip term fitted, the
  // 95 % interval covers the truth in 95 % of runs again. The scatter around
  // the lean grows with the round trip, as the weights assume (with a constant
  // scatter instead, weights that trend with time make the coverage 92 %).
  it('takes a consistent lean within the round trip out of the rate (4000 seeded runs)', () => {
    const rng = xoroshiro128plus(31337);
    const truth = { intercept: 5, rate: 1e-3 };
    let covered = 0;
    let biased = 0;
    for (let run = 0; run < 4000; run++) {
      const points = Array.from({ length: 30 }, (_, i) => {
        const roundTrip = 0.01 + (0.02 * i) / 29 + 0.005 * uniformFloat64(rng);
        const error = 0.35 * roundTrip + 0.03 * roundTrip * normal(rng);
        const offset = truth.intercept + truth.rate * i + error;
        return { t: i, offset, bound: roundTrip / 2 + 5e-10, roundTrip, resolution: 1e-9 };
      });
      const fit = fitDrift(points)!;
      expect(fit.dof).toBe(27);
      if (Math.abs(fit.rate - truth.rate) <= fit.rateExpanded) covered++;
      const plain = fitDrift(points.map(({ t, offset, bound }) => ({ t, offset, bound })))!;
      expect(plain.roundTripTerm).toBeNull();
      if (Math.abs(plain.rate - truth.rate) > plain.rateExpanded) biased++;
    }
    expect(covered / 4000).toBeGreaterThan(0.936);
    expect(covered / 4000).toBeLessThan(0.964);
    // Without the term the line takes the trend for drift nearly every time.
    expect(biased / 4000).toBeGreaterThan(0.5);
  });

  it('fits no round-trip term for whole-second readings or fewer than 5 samples', () => {
    const line = (n: number, resolution: number) =>
      Array.from({ length: n }, (_, i) => ({
        t: i,
        offset: 1 + 1e-4 * i + (i % 2 ? 0.01 : 0),
        bound: 0.5 + 0.004 + 0.001 * i,
        roundTrip: 0.008 + 0.002 * i,
        resolution,
      }));
    expect(fitDrift(line(10, 1))).toMatchObject({ roundTripTerm: null, dof: 8 });
    expect(fitDrift(line(4, 1e-9))).toMatchObject({ roundTripTerm: null, dof: 2 });
    expect(fitDrift(line(5, 1e-9))!.dof).toBe(2);
    expect(fitDrift(line(5, 1e-9))!.roundTripTerm).not.toBeNull();
  });

  it('lets a sample with a stretched round trip count for less than the others', () => {
    const rng = xoroshiro128plus(5);
    const truth = { intercept: -1, rate: 2e-4 };
    const points = synthetic(rng, truth, 30, (b) => 0.3 * b * normal(rng));
    // A scheduling hiccup: 400 ms round trip, the reading late within it.
    points[15] = { t: 15, offset: truth.intercept + truth.rate * 15 + 0.19, bound: 0.2 };
    const fit = fitDrift(points)!;
    expect(Math.abs(fit.rate - truth.rate)).toBeLessThanOrEqual(fit.rateExpanded);
    expect(fit.rateExpanded).toBeLessThan(2e-4);
  });
});
