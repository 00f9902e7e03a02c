/**
 * Whether a measured value keeps to a limit, given how uncertain it is:
 * "exceeds" only when even the most favourable value within the margin is
 * beyond the limit, "within" only when even the least favourable is inside
 * it, "undecided" when the margin straddles the limit (measure longer).
 */
export type Verdict = 'within' | 'exceeds' | 'undecided';

export interface ThresholdCheck {
  /** The limit on the magnitude, in the value's unit (seconds, or ppm). */
  limit: number;
  /** The measured value (signed). */
  value: number;
  /** The half-width the verdict allows for. */
  margin: number;
  verdict: Verdict;
}

export function judge(value: number, margin: number, limit: number): ThresholdCheck {
  const size = Math.abs(value);
  const verdict: Verdict =
    size - margin > limit ? 'exceeds' : size + margin <= limit ? 'within' : 'undecided';
  return { limit, value, margin, verdict };
}

/** Any limit exceeded wins, then any undecided; 'none' when no limit was set. */
export function overall(checks: readonly ({ verdict: Verdict } | null)[]): Verdict | 'none' {
  const set = checks.filter((c): c is { verdict: Verdict } => c !== null);
  if (set.length === 0) return 'none';
  if (set.some((c) => c.verdict === 'exceeds')) return 'exceeds';
  if (set.some((c) => c.verdict === 'undecided')) return 'undecided';
  return 'within';
}
