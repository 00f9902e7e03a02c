import { userTextToFileText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { mergeFacts } from '../facts/merge.js';
import { unifiedDiff } from '../output/diff.js';
import { advise, planEntries, planGuest, reviewEdit } from '../plan/index.js';
import { chooseRuleSets } from '../rules/registry.js';
import { editPlans } from './edit.js';
import { inspect } from './inspect.js';
import { serializeGrubConfig, type GrubEntry } from './model.js';
import type { Inspection, RunResult } from './result.js';
import { selectEntries } from './select.js';

/** Everything short of writing: facts, plan, edit and diff. */
export async function prepare(options: Options, given?: Inspection): Promise<RunResult> {
  // Facts are re-merged: the wizard's answers arrive as options after inspection.
  const ins = given
    ? { ...given, facts: mergeFacts(given.detected, options) }
    : await inspect(options);
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
    params: guest?.params ?? [],
    plans: [],
    edits: [],
    changed: false,
    newText: '',
    patch: '',
    warnings,
    advice: advise(ins.detected, choice),
    outcome: 'no-params',
  };
  if (guest?.origin) result.origin = guest.origin;
  if (choice.note) result.ruleNote = choice.note;
  if (guest?.notRhel) {
    warnings.push(guest.notRhel);
    return { ...result, outcome: 'not-rhel' };
  }
  if (guest && guest.params.length === 0) return result;
  if (!ins.config || !ins.input || ins.inputPath === undefined)
    throw ins.inputError ?? new ToolError('no config to edit');
  const { config, input, inputPath } = ins;
  if (input.linkTarget) warnings.push(`${inputPath} is a symbolic link: read ${input.linkTarget}`);

  // Edits replace the Line objects they change, so a shallow copy keeps the old ones.
  const oldLines = config.lines.slice();
  const selection = selectEntries(config, options.entries, inputPath);
  for (const w of selection.warnings) warnings.push(w);
  const plans = planEntries(selection.entries, guest, ins.facts, options, choice, warnings);
  const edits = editPlans(
    config,
    plans.map((p) => ({
      entry: config.entries[p.index] as GrubEntry,
      params: p.params.map(userTextToFileText),
    })),
  );
  const planOf = new Map(plans.map((p) => [p.index, p]));
  for (const e of edits)
    reviewEdit(e.entry.index, e, planOf.get(e.entry.index), ins.facts, warnings);
  const changedLines = edits.filter((e) => e.changed).map((e) => e.line);
  const output = options.output ?? `${inputPath}.kvm`;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  const patch = unifiedDiff(
    oldLines,
    config.lines,
    changedLines,
    inputPath,
    output === '-' ? `${inputPath}.kvm` : output,
  );
  const done: RunResult = {
    ...result,
    params: guest ? guest.params : [...new Set(plans.flatMap((p) => p.params))],
    plans,
    edits,
    changed: changedLines.length > 0,
    newText: serializeGrubConfig(config),
    patch,
    output,
  };
  if (diffPath !== undefined) done.diffPath = diffPath;
  if (plans.every((p) => p.params.length === 0)) return { ...done, outcome: 'no-params' };
  if (!done.changed) return { ...done, outcome: 'unchanged' };
  if (output === '-') return { ...done, outcome: 'stdout' };
  if (options.dryRun) return { ...done, outcome: 'dry-run' };
  return { ...done, outcome: 'ready' };
}
