import { userTextToFileText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import type { GuestAccess } from '../output/guest.js';
import { mergeFacts } from '../facts/merge.js';
import { unifiedDiff } from '../output/diff.js';
import { withProvenance } from '../output/provenance.js';
import { advise, mergeWarnings, planEntries, planGuest, reviewEdit } from '../plan/index.js';
import { clockInUseWarnings } from '../plan/clock-use.js';
import type { EntryPlan } from '../plan/types.js';
import { chooseRuleSets } from '../rules/registry.js';
import { editPlans, type EntryEdit } from './edit.js';
import { inspect } from './inspect.js';
import { serializeGrubConfig, type GrubConfig, type GrubEntry } from './model.js';
import { outputPaths } from './outputs.js';
import type { Inspection, RunResult } from './result.js';
import { describeEntries, selectEntries } from './select.js';

/** Why an entry with parameters to get was not edited, if it was not. */
function leftAlone(plan: EntryPlan, edit: EntryEdit | undefined): boolean {
  return plan.skipped !== undefined || edit?.skipped !== undefined;
}

/** What the selected entries are, from what happened to them. */
function outcomeOf(plans: EntryPlan[], edits: Map<number, EntryEdit>, changed: boolean) {
  if (changed) return 'changed' as const;
  if (plans.some((p) => leftAlone(p, edits.get(p.index)))) return 'not-edited' as const;
  return plans.every((p) => p.params.length === 0)
    ? ('no-params' as const)
    : ('unchanged' as const);
}

/** Notes on how GRUB reads an entry that the administrator should know. */
function entryNotes(config: GrubConfig, entries: readonly GrubEntry[]): string[] {
  return entries.flatMap((e) =>
    e.kernelLines && e.linuxLine !== undefined
      ? [
          `entry ${e.index} has ${e.kernelLines} kernel lines: GRUB loads each in turn and boots the last (line ${(config.entries[e.index]?.linuxLine ?? 0) + 1}), so that one is edited`,
        ]
      : [],
  );
}

/** Everything short of writing: facts, plan, edit and diff. */
export async function prepare(access: GuestAccess, given?: Inspection): Promise<RunResult> {
  const { options } = access;
  // Facts are re-merged: the wizard's answers arrive as options after inspection.
  const ins = given
    ? { ...given, facts: mergeFacts(given.detected, options) }
    : await inspect(access);
  const warnings: string[] = [];
  const choice = chooseRuleSets(options.rules, ins.detected?.hypervisor);
  const guest =
    options.perEntry && !options.params
      ? undefined
      : planGuest(ins.facts, ins.detected, options, choice, warnings);
  const result: RunResult = {
    ...ins,
    kind: 'grub',
    perEntry: guest === undefined,
    params: [],
    plans: [],
    edits: [],
    changed: false,
    newText: '',
    patch: '',
    warnings,
    advice: advise(ins.detected, choice),
    clockUse: clockInUseWarnings(ins.facts, ins.detected),
    outcome: 'no-params',
  };
  if (guest?.origin) result.origin = guest.origin;
  if (choice.note) result.ruleNote = choice.note;
  if (guest?.notRhel) {
    warnings.push(guest.notRhel);
    return { ...result, outcome: 'not-rhel' };
  }
  warnings.push(...result.clockUse);
  if (!ins.config || !ins.input || ins.inputPath === undefined) {
    // With nothing to add, an unreadable config is no reason to fail.
    if (guest && guest.params.length === 0) return { ...result, params: guest.params };
    throw ins.inputError ?? new ToolError('no config to edit');
  }
  const { config, input, inputPath } = ins;
  if (input.linkTarget) warnings.push(`${inputPath} is a symbolic link: read ${input.linkTarget}`);

  // Edits replace the Line objects they change, so a shallow copy keeps the old ones.
  const oldLines = config.lines.slice();
  const selection = selectEntries(config, options.entries, inputPath);
  if (selection.entries.length === 0) throw new ToolError(describeEntries(config, inputPath));
  warnings.push(...selection.warnings, ...entryNotes(config, selection.entries));
  const plans = planEntries(selection.entries, guest, ins.facts, options, choice, warnings);
  const edits = editPlans(
    config,
    plans.map((p) => ({
      entry: config.entries[p.index] as GrubEntry,
      params: p.params.map(userTextToFileText),
      ...(p.limit ? { limit: p.limit } : {}),
    })),
  );
  const planOf = new Map(plans.map((p) => [p.index, p]));
  const editOf = new Map(edits.map((e) => [e.entry.index, e]));
  for (const e of edits) {
    reviewEdit(e.entry.index, e, planOf.get(e.entry.index), ins.facts, warnings);
    if (e.cut) warnings.push(`entry ${e.entry.index}: ${e.cut}`);
  }
  const changedLines = edits.filter((e) => e.changed).map((e) => e.line);
  const { real, output, diffPath } = outputPaths(access, input, inputPath);
  // A copy's diff names the guest's files: it is applied there.
  const newName = output === '-' || (input.guest && !access.sink) ? `${real}.kvm` : output;
  const patch = await withProvenance(
    unifiedDiff(oldLines, config.lines, changedLines, real, newName),
    { name: real, bytes: input.bytes },
    newName,
  );
  const kept = plans.filter((p) => !leftAlone(p, editOf.get(p.index)));
  const done: RunResult = {
    ...result,
    // What is written: a parameter dropped for a kernel, or on an entry left alone, is not.
    params: [...new Set(kept.flatMap((p) => p.params))],
    plans,
    edits,
    changed: changedLines.length > 0,
    newText: serializeGrubConfig(config),
    patch,
    output,
    warnings: mergeWarnings(warnings),
  };
  if (diffPath !== undefined) done.diffPath = diffPath;
  if (access.sink && options.output === undefined) done.where = access.sink.where;
  if (options.emitWriter !== undefined) done.script = options.emitWriter;
  const state = outcomeOf(plans, editOf, done.changed);
  if (state !== 'changed') return { ...done, outcome: state };
  if (options.output === '-') return { ...done, outcome: 'stdout' };
  if (options.dryRun) return { ...done, outcome: 'dry-run' };
  return { ...done, outcome: 'ready' };
}
