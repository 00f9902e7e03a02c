// `npm run bench --compare FILE`: the deltas between two results JSONs.
import { fmtMb, fmtMs, fmtX, table } from './report.mjs';

function fmtMetric(id, value) {
  const unit = unitOf(id);
  if (unit === 'ms') return `${fmtMs(value)} ms`;
  if (unit === 'MB') return `${fmtMb(value)} MB`;
  return fmtX(value);
}

function unitOf(id) {
  if (id.endsWith('.rss')) return 'MB';
  if (id.startsWith('ratio.')) return '×';
  return 'ms';
}

/** Median deltas of every metric both runs have, plus target changes. */
export function formatComparison(before, now, beforeFile) {
  const ids = Object.keys(now.metrics).filter((id) => before.metrics?.[id]);
  const rows = ids.map((id) => {
    const a = before.metrics[id].median;
    const b = now.metrics[id].median;
    const pct = a === 0 ? 'n/a' : `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`;
    return [id, fmtMetric(id, a), fmtMetric(id, b), pct];
  });
  const only = (x, y) => Object.keys(x.metrics ?? {}).filter((id) => !y.metrics?.[id]).length;
  const targetChanges = (now.targets ?? [])
    .map((t) => {
      const old = (before.targets ?? []).find((o) => o.id === t.id);
      if (!old || old.pass === t.pass) return undefined;
      return `  ${t.id}: ${old.pass ? 'PASS' : 'MISS'} → ${t.pass ? 'PASS' : 'MISS'}`;
    })
    .filter(Boolean);
  return [
    `Compared with ${beforeFile} (commit ${before.commit ?? 'unknown'}, ${before.date}, node ${before.node}, ${before.cpu?.model ?? 'unknown CPU'})`,
    table(['metric (median)', 'before', 'now', 'change'], rows),
    `  ${only(now, before)} metric(s) only in this run, ${only(before, now)} only in the earlier one`,
    targetChanges.length
      ? `Targets that changed:\n${targetChanges.join('\n')}`
      : 'No target changed.',
  ].join('\n');
}
