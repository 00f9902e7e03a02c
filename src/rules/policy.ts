import type { Distro, Extrapolation, NoRule, RuleQuery, RuleRow, RuleSet } from './types.js';

/**
 * What a set does with a release no row covers. Not every table can be
 * extended to its neighbours: a table encoded only in part (the VMware
 * article's 64-bit rows) would hand a release the parameters of a row the
 * source does not give it. Such a set says `extrapolate: 'none'`.
 *
 * selectRule (select.ts) implements `same-major`; the hooks below are what
 * it needs to honour `none` and the row's distribution.
 */

/** The policy of a set that does not name one: what selectRule has always done. */
export const DEFAULT_EXTRAPOLATION: Extrapolation = 'same-major';

/**
 * The highest minor release.ts's isRelease accepts ("X.999"). A range that
 * ends at `throughMajor(X)` covers every release of major X ("RHEL 6.x").
 */
export const LAST_MINOR = 999;

export function throughMajor(major: number): string {
  return `${major}.${LAST_MINOR}`;
}

export const DISTRO_NAMES: Readonly<Record<Distro, string>> = { rhel: 'RHEL', sles: 'SLES' };

/** A query that may name the distribution (absent = RHEL, all the tool asks today). */
export interface PolicyQuery extends RuleQuery {
  distro?: Distro;
}

export function extrapolationOf(set: RuleSet): Extrapolation {
  return set.extrapolate ?? DEFAULT_EXTRAPOLATION;
}

export function distroOf(row: RuleRow): Distro {
  return row.distro ?? 'rhel';
}

/** Whether a row is about the queried distribution's releases (SLES 11 is not RHEL 11). */
export function appliesToDistro(row: RuleRow, distro: Distro = 'rhel'): boolean {
  return distroOf(row) === distro;
}

/**
 * For selectRule, once no row covers the release: the no-rule answer when
 * the set's policy forbids extrapolating, else undefined (carry on with the
 * same-major search).
 */
export function refuseExtrapolation(set: RuleSet, q: PolicyQuery): NoRule | undefined {
  if (extrapolationOf(set) !== 'none') return undefined;
  const pv = set.rows.some((r) => r.pvclock !== 'any')
    ? q.pvclock
      ? ' with kvm-clock'
      : ' without kvm-clock'
    : '';
  return {
    set,
    reason: `${set.name} (${set.source}) has no row for ${DISTRO_NAMES[q.distro ?? 'rhel']} ${q.release} ${q.arch}${pv}, and it does not extrapolate from the rows of other releases`,
  };
}
