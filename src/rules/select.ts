import { appliesToDistro, DISTRO_NAMES, refuseExtrapolation } from './policy.js';
import { compareReleases, majorOf } from './release.js';
import type { NoRule, RuleMatch, RuleQuery, RuleRow, RuleSet } from './types.js';

export type { NoRule, RuleMatch, RuleQuery };

function covers(row: RuleRow, release: string): boolean {
  if (compareReleases(release, row.release.min) < 0) return false;
  return row.release.max === undefined || compareReleases(release, row.release.max) <= 0;
}

/** How a row's kvm-clock condition reads: '' for either way, else ' with kvm-clock' / ' without kvm-clock'. */
export function pvclockWords(row: RuleRow): string {
  return row.pvclock === 'any'
    ? ''
    : row.pvclock === 'yes'
      ? ' with kvm-clock'
      : ' without kvm-clock';
}

function describe(row: RuleRow): string {
  const pv = pvclockWords(row);
  return `row ${row.row} (${row.release.label} ${row.arch}${pv && `,${pv}`})`;
}

/** "x86_64 with kvm-clock": what a row is for, besides its release. */
function comboWords(row: RuleRow): string {
  return `${row.release.label} ${row.arch}${pvclockWords(row)}`;
}

/**
 * Why no row answers, true to the table: the exact combination asked for
 * (release, arch, and kvm-clock where the table splits on it), and which
 * rows the set does have for that major release, if any.
 */
function missReason(set: RuleSet, q: RuleQuery): string {
  const distro = DISTRO_NAMES[q.distro ?? 'rhel'];
  const splits = set.rows.some((r) => r.pvclock !== 'any');
  const pv = splits ? (q.pvclock ? ' with kvm-clock' : ' without kvm-clock') : '';
  const major = majorOf(q.release);
  const same = set.rows.filter(
    (r) => appliesToDistro(r, q.distro) && majorOf(r.release.min) === major,
  );
  const has = same.length
    ? ` (its ${distro} ${major} rows: ${[...new Set(same.map(comboWords))].slice(0, 6).join('; ')})`
    : ` (it has no ${distro} ${major} rows)`;
  return `${set.name} (${set.source}) has no row for ${distro} ${q.release} ${q.arch}${pv}${has}`;
}

/**
 * Picks the row for a guest. Rows are filtered by arch and kvm-clock first;
 * then a row covering the release wins; failing that, the highest row of the
 * same major release below it, else the lowest one above it.
 */
export function selectRule(set: RuleSet, q: RuleQuery): RuleMatch | NoRule {
  const major = majorOf(q.release);
  const candidates = set.rows.filter(
    (r) =>
      appliesToDistro(r, q.distro) &&
      r.arch === q.arch &&
      (r.pvclock === 'any' || (r.pvclock === 'yes') === q.pvclock),
  );
  if (candidates.length === 0) {
    const distro = DISTRO_NAMES[q.distro ?? 'rhel'];
    if (!set.rows.some((r) => appliesToDistro(r, q.distro))) {
      return { set, reason: `${set.name} (${set.source}) has no rows for ${distro}` };
    }
    return { set, reason: missReason(set, q) };
  }
  const exact = candidates.find((r) => covers(r, q.release));
  if (exact) {
    return {
      set,
      row: exact,
      exact: true,
      reason: `${describe(exact)} of ${set.source}, an exact match for release ${q.release}`,
    };
  }
  const refused = refuseExtrapolation(set, q);
  if (refused) return refused;
  const sameMajor = candidates.filter((r) => majorOf(r.release.min) === major);
  const top = (r: RuleRow): string => r.release.max ?? r.release.min;
  const below = sameMajor
    .filter((r) => compareReleases(top(r), q.release) < 0)
    .sort((a, b) => compareReleases(top(b), top(a)))[0];
  const above = sameMajor
    .filter((r) => compareReleases(r.release.min, q.release) > 0)
    .sort((a, b) => compareReleases(a.release.min, b.release.min))[0];
  const chosen = below ?? above;
  if (!chosen) return { set, reason: missReason(set, q) };
  const where =
    chosen === below
      ? 'the nearest row at or below it'
      : 'no row at or below it, so the nearest row above it';
  return {
    set,
    row: chosen,
    exact: false,
    reason: `release ${q.release} has no row of its own: extrapolated from ${describe(chosen)} of ${set.source}, ${where} in RHEL ${major}`,
  };
}

export function isMatch(r: RuleMatch | NoRule): r is RuleMatch {
  return 'row' in r;
}
