import { stringify } from 'csv-stringify/sync';
import type { GuestSummary } from './summary.js';

const COLUMNS = [
  'guest',
  'release',
  'arch',
  'kvm-clock',
  'parameters',
  'outcome',
  'warnings',
] as const;

function cells(s: GuestSummary): string[] {
  const kvm = s.kvmClock === null ? '?' : s.kvmClock ? 'yes' : 'no';
  const outcome = s.error ? `${s.outcome} (${s.phase}): ${s.error}` : `${s.outcome} (${s.phase})`;
  return [
    s.guest,
    s.release ?? '?',
    s.arch ?? '?',
    kvm,
    s.params.length ? s.params.join(' ') : '-',
    outcome,
    s.warnings.length ? `${s.warnings.length}: ${s.warnings[0]}` : '-',
  ];
}

/** A table a person reads: padded columns, long cells cut. */
export function renderTable(rows: readonly GuestSummary[]): string {
  const table = [[...COLUMNS], ...rows.map(cells)].map((r) =>
    r.map((c) => (c.length > 60 ? `${c.slice(0, 57)}...` : c)),
  );
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((r) => (r[i] as string).length)));
  const lines = table.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd(),
  );
  const outcomes = new Map<string, number>();
  for (const s of rows) outcomes.set(s.outcome, (outcomes.get(s.outcome) ?? 0) + 1);
  const tally = [...outcomes].map(([o, n]) => `${n} ${o}`).join(', ');
  return `${lines.join('\n')}\n\n${rows.length} guests: ${tally || 'none'}\n`;
}

/** The same table as CSV, every cell whole. */
export function renderCsv(rows: readonly GuestSummary[]): string {
  return stringify([
    [...COLUMNS],
    ...rows.map((s) => [
      s.guest,
      s.release ?? '',
      s.arch ?? '',
      s.kvmClock === null ? '' : String(s.kvmClock),
      s.params.join(' '),
      s.outcome,
      s.warnings.join(' | '),
    ]),
  ]);
}
