import type { Fact } from '../facts/types.js';
import { displayText } from '../shared/bytes.js';
import { describeParam } from '../rules/param-docs.js';
import type { EntryPlan, ParamsOrigin } from '../plan/types.js';
import type { RunResult } from './result.js';
import { originText } from './text.js';

export interface Explanation {
  param: string;
  what: string;
  why: string;
  facts: string;
  /** Entries that get it (all selected ones unless per entry). */
  entries: number[];
}

function factText(label: string, f: Fact<unknown>): string {
  if (f.value === undefined) return `${label} not known (${f.source})`;
  const v = typeof f.value === 'boolean' ? (f.value ? 'yes' : 'no') : String(f.value);
  return `${label} ${v} (${f.assumed ? 'assumed: ' : 'from '}${f.source})`;
}

function why(origin: ParamsOrigin | undefined): string {
  if (!origin) return 'no rule consulted';
  if (origin.kind === 'params-flag') return 'given with --params';
  return origin.match.exact ? originText(origin) : `${originText(origin)}: ${origin.match.reason}`;
}

/** Only the facts that chose the row (and lpj for lpj=N). */
function factsFor(result: RunResult, plan: EntryPlan | undefined, param?: string): string {
  const f = result.facts;
  if (plan?.origin?.kind === 'params-flag' || (!plan && result.origin?.kind === 'params-flag'))
    return 'none: --params is used as given';
  const parts = [
    plan?.release !== undefined && result.perEntry
      ? `release ${plan.release} (from ${plan.releaseSource})`
      : factText('release', f.release),
    factText('arch', f.arch),
  ];
  const origin = plan?.origin ?? result.origin;
  const row = origin?.kind === 'rule' ? origin.match.row : undefined;
  if (row?.pvclock !== 'any') parts.push(factText('kvm-clock', f.pvclock));
  else parts.push('kvm-clock does not matter for this row');
  if (param?.startsWith('lpj=')) parts.push(factText('lpj', f.lpj));
  return parts.join(', ');
}

/** For each parameter the run adds: what it does, which row of which source asked for it, and the facts that chose that row. */
export function explain(result: RunResult): Explanation[] {
  const out = new Map<string, Explanation>();
  const skipped = new Set(result.edits.filter((e) => e.skipped).map((e) => e.entry.index));
  // An entry left alone gets nothing: it is not listed.
  for (const plan of result.plans.filter((p) => !p.skipped && !skipped.has(p.index))) {
    for (const param of plan.params) {
      const key = `${param}\u0000${result.perEntry ? plan.index : ''}`;
      const seen = out.get(key);
      if (seen) {
        seen.entries.push(plan.index);
        continue;
      }
      out.set(key, {
        param,
        what: describeParam(param),
        why: why(plan.origin),
        facts: factsFor(result, plan, param),
        entries: [plan.index],
      });
    }
  }
  if (result.plans.length === 0) {
    for (const param of result.params) {
      out.set(param, {
        param,
        what: describeParam(param),
        why: why(result.origin),
        facts: factsFor(result, undefined, param),
        entries: [],
      });
    }
  }
  return [...out.values()];
}

export function renderExplanation(result: RunResult): string[] {
  const items = explain(result);
  if (items.length === 0) {
    return [
      'Explanation:',
      `  No parameters are added. ${result.origin ? `Rule: ${why(result.origin)}.` : ''}`,
      `  Facts: ${factsFor(result, undefined)}`,
    ];
  }
  const lines = ['Explanation:'];
  for (const e of items) {
    lines.push(
      `  ${displayText(e.param)}${e.entries.length ? `   (entries ${e.entries.join(', ')})` : ''}`,
      `    what it does:  ${e.what}`,
      `    asked for by:  ${e.why}`,
      `    because:       ${e.facts}`,
    );
  }
  return lines;
}
