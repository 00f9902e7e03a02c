import type { Fact, Facts } from '../facts/types.js';
import { displayText } from '../grub/bytes.js';
import type { RunResult } from '../run.js';
import { VERSION } from '../cli/version.js';

export interface FactReport {
  value: string | number | boolean | null;
  source: string;
  assumed?: boolean;
  note?: string;
}

function factReport<T extends string | number | boolean>(f: Fact<T>): FactReport {
  const r: FactReport = { value: f.value ?? null, source: f.source };
  if (f.assumed) r.assumed = true;
  if (f.note) r.note = f.note;
  return r;
}

function factsReport(facts: Facts): Record<string, unknown> {
  const sources: Record<string, FactReport> = {};
  const values: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(facts) as [string, Fact<string | number | boolean>][]) {
    values[name] = fact.value ?? null;
    sources[name] = factReport(fact);
  }
  return { ...values, sources };
}

function ruleReport(result: RunResult): Record<string, unknown> {
  if (result.origin.kind === 'params-flag') {
    return {
      set: null,
      row: null,
      source: '--params',
      match: 'given',
      reason: 'parameters given with --params; no rule table consulted',
    };
  }
  const { match, template } = result.origin;
  return {
    set: match.set.name,
    row: match.row.row,
    release: match.row.release.label,
    arch: match.row.arch,
    pvclock: match.row.pvclock,
    params: template,
    source: match.row.source,
    match: match.exact ? 'exact' : 'extrapolated',
    reason: match.reason,
  };
}

/** The `--json` report. Strings from the file are shown as UTF-8 where valid. */
export function buildReport(result: RunResult): Record<string, unknown> {
  const selected = new Map(result.edits.map((e) => [e.entry.index, e]));
  const written = result.outcome === 'written';
  return {
    tool: 'fix-clock-drift',
    version: VERSION,
    input: result.input.path,
    inputLinkTarget: result.input.linkTarget ?? null,
    facts: factsReport(result.facts),
    params: result.params,
    rule: ruleReport(result),
    outcome: result.outcome,
    changed: result.changed,
    entries: result.config.entries.map((entry) => {
      const edit = selected.get(entry.index);
      return {
        index: entry.index,
        title: displayText(entry.title),
        kind: entry.kind,
        line: entry.linuxLine === undefined ? null : entry.linuxLine + 1,
        image: entry.image ?? null,
        hypervisor: entry.hypervisor ?? null,
        selected: edit !== undefined,
        oldArgs: edit ? edit.oldArgs.map(displayText) : null,
        newArgs: edit ? edit.newArgs.map(displayText) : null,
        changed: edit?.changed ?? false,
        leftAlone:
          edit?.skipped ??
          (entry.kind === 'none'
            ? `boots no Linux kernel (${entry.reason})`
            : edit
              ? null
              : 'not selected'),
      };
    }),
    output: result.output ?? null,
    diff: result.diffPath ?? null,
    written,
    patch: displayText(result.patch),
    warnings: result.warnings.map(displayText),
  };
}
