import type { Fact } from '../facts/types.js';
import { displayText } from '../shared/bytes.js';
import type { EntryEdit } from './edit.js';
import type { EntryPlan, ParamsOrigin } from '../plan/types.js';
import type { RunResult } from './result.js';
import { targetReport } from '../output/report.js';
import type { Json, JsonObject } from '../output/target.js';

export interface FactReport {
  value: Json;
  source: string;
  assumed?: boolean;
  note?: string;
}

function factReport(f: Fact<unknown>): FactReport {
  const r: FactReport = { value: (f.value ?? null) as Json, source: f.source };
  if (f.assumed) r.assumed = true;
  if (f.note) r.note = f.note;
  return r;
}

/** Every fact's value at top level (facts.release), and each with its source under facts.sources. */
function factsReport(result: RunResult): { [key: string]: Json } {
  const all: Record<string, Fact<unknown>> = {};
  const d = result.detected;
  if (d) {
    for (const [name, fact] of Object.entries(d))
      if (name !== 'root') all[name] = fact as Fact<unknown>;
  }
  Object.assign(all, result.facts);
  const values: { [key: string]: Json } = {};
  const sources: { [key: string]: Json } = {};
  for (const [name, fact] of Object.entries(all)) {
    values[name] = (fact.value ?? null) as Json;
    sources[name] = factReport(fact) as unknown as Json;
  }
  return { ...values, sources };
}

export function originReport(
  origin: ParamsOrigin | undefined,
  perEntry: boolean,
): { [key: string]: Json } {
  if (!origin) {
    return perEntry
      ? {
          set: null,
          row: null,
          source: 'per-entry',
          match: 'per-entry',
          reason: 'each entry was decided from its own kernel: see entries[].rule',
        }
      : { set: null, row: null, source: null, match: 'none', reason: 'no rule consulted' };
  }
  if (origin.kind === 'params-flag') {
    return {
      set: null,
      row: null,
      source: '--params',
      match: 'given',
      reason: 'parameters given with --params; no rule table consulted',
    };
  }
  const { match, template } = origin;
  return {
    set: match.set.name,
    row: match.row.row,
    release: match.row.release.label,
    arch: match.row.arch,
    pvclock: match.row.pvclock,
    params: [...template],
    source: match.row.source,
    match: match.exact ? 'exact' : 'extrapolated',
    reason: match.reason,
  };
}

function entryReport(
  result: RunResult,
  plans: Map<number, EntryPlan>,
  edits: Map<number, EntryEdit>,
  index: number,
): { [key: string]: Json } {
  const entry = result.config?.entries[index];
  if (!entry) return {};
  const edit = edits.get(index);
  const plan = plans.get(index);
  const leftAlone =
    edit?.skipped ??
    plan?.skipped ??
    (entry.kind === 'none'
      ? `boots no Linux kernel (${entry.reason})`
      : plan
        ? null
        : 'not selected');
  return {
    index,
    title: displayText(entry.title),
    kind: entry.kind,
    line: entry.linuxLine === undefined ? null : entry.linuxLine + 1,
    image: entry.image ?? null,
    kernel: plan?.kernel ?? null,
    hypervisor: entry.hypervisor ?? null,
    selected: plan !== undefined,
    release: plan?.release ?? null,
    releaseSource: plan?.releaseSource ?? null,
    rule: plan?.origin ? originReport(plan.origin, false) : null,
    params: plan ? plan.params : null,
    oldArgs: edit ? edit.oldArgs.map(displayText) : null,
    newArgs: edit ? edit.newArgs.map(displayText) : null,
    changed: edit?.changed ?? false,
    leftAlone,
  };
}

/** The `--json` report. Strings from the file are shown as UTF-8 where valid. */
export function buildReport(result: RunResult): JsonObject {
  const plans = new Map(result.plans.map((p) => [p.index, p]));
  const edits = new Map(result.edits.map((e) => [e.entry.index, e]));
  return targetReport(result, {
    inputLinkTarget: result.input?.linkTarget ?? null,
    facts: factsReport(result),
    detection: { root: result.detected?.root ?? null, skipped: result.detectionSkipped ?? null },
    params: result.params,
    rule: originReport(result.origin, result.perEntry),
    ruleNote: result.ruleNote ?? null,
    perEntry: result.perEntry,
    entries: (result.config?.entries ?? []).map((e) => entryReport(result, plans, edits, e.index)),
    advice: result.advice,
  });
}
