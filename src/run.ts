import path from 'node:path';
import type { Options } from './cli/options.js';
import { ToolError, UsageError } from './errors.js';
import { factsFromOptions } from './facts/from-options.js';
import type { Facts } from './facts/types.js';
import { bytesToText, textToBytes, userTextToFileText } from './grub/bytes.js';
import { editEntries, type EntryEdit } from './grub/edit.js';
import { parseGrubConfig, serializeGrubConfig, type GrubConfig } from './grub/model.js';
import { selectEntries } from './grub/select.js';
import { contentProblem, locateGrubConf, readInput, type InputFile } from './input.js';
import { unifiedDiff } from './output/diff.js';
import { checkTarget, writeFileAtomic } from './output/write.js';
import { findConflicts } from './rules/conflicts.js';
import { decide, type LpjChoice } from './rules/decide.js';
import { rhev34 } from './rules/rhev-3.4.js';
import type { RuleMatch } from './rules/select.js';
import type { RuleSet } from './rules/types.js';

/** Where the parameters came from: a row of a rule table, or `--params`. */
export type ParamsOrigin =
  { kind: 'rule'; match: RuleMatch; template: readonly string[] } | { kind: 'params-flag' };

/**
 * - `written`: outputs written.
 * - `dry-run`: there were changes; nothing written on purpose.
 * - `stdout`: the edited config went to stdout (`--output -`).
 * - `no-params`: the rule asks for no parameters.
 * - `unchanged`: every selected entry already has the parameters.
 * - `ready`: prepared and waiting for `commit` to write it.
 * - `declined`: the wizard's "write?" was answered no.
 */
export type Outcome =
  'written' | 'dry-run' | 'stdout' | 'no-params' | 'unchanged' | 'ready' | 'declined';

export interface RunResult {
  /** The guest root the run worked on. */
  root: string;
  input: InputFile;
  facts: Facts;
  origin: ParamsOrigin;
  params: string[];
  config: GrubConfig;
  edits: EntryEdit[];
  changed: boolean;
  /** The edited config and the diff, as latin1 text (see grub/bytes.ts). */
  newText: string;
  patch: string;
  output?: string;
  diffPath?: string;
  outcome: Outcome;
  warnings: string[];
}

function lpjChoice(facts: Facts, options: Options): LpjChoice {
  if (options.lpj === false) return 'omit';
  return facts.lpj.value;
}

function requireFacts(facts: Facts): {
  release: string;
  arch: NonNullable<Facts['arch']['value']>;
} {
  const missing: string[] = [];
  if (facts.release.value === undefined) missing.push('--release X.Y (e.g. 5.4)');
  if (facts.arch.value === undefined) missing.push('--arch x86_64|i686');
  if (missing.length > 0) {
    throw new UsageError(
      `the guest's ${facts.release.value === undefined ? 'release' : 'architecture'}${missing.length > 1 ? ' and architecture are' : ' is'} not known: give ${missing.join(' and ')}, or --params "..."`,
    );
  }
  return {
    release: facts.release.value as string,
    arch: facts.arch.value as NonNullable<Facts['arch']['value']>,
  };
}

/** Decides the parameters: `--params` verbatim, else the rule table's row for the facts. */
export function plan(
  facts: Facts,
  options: Options,
  set: RuleSet,
  warnings: string[],
): { params: string[]; origin: ParamsOrigin } {
  if (options.params) return { params: options.params, origin: { kind: 'params-flag' } };
  const { release, arch } = requireFacts(facts);
  if (facts.pvclock.value === undefined) {
    warnings.push(
      'kvm-clock assumed absent: nothing tells whether the guest kernel has it (give --pvclock or --no-pvclock)',
    );
  }
  const decision = decide(set, {
    release,
    arch,
    pvclock: facts.pvclock.value ?? false,
    lpj: lpjChoice(facts, options),
  });
  if (!('match' in decision)) {
    throw new ToolError(
      `no rule for RHEL ${release} ${arch}: ${decision.reason}; give the parameters yourself with --params "..."`,
    );
  }
  warnings.push(...decision.warnings);
  return {
    params: decision.params,
    origin: { kind: 'rule', match: decision.match, template: decision.template },
  };
}

/** Everything short of writing: facts, plan, edit and diff. */
export async function prepare(options: Options): Promise<RunResult> {
  const warnings: string[] = [];
  const inputPath = await locateGrubConf(options.root, options.grubConf);
  const facts = factsFromOptions(options);
  // Decide before reading: a missing flag is a usage error whatever the file holds.
  const { params, origin } = plan(facts, options, rhev34, warnings);

  const input = await readInput(inputPath);
  if (input.linkTarget) warnings.push(`${inputPath} is a symbolic link: read ${input.linkTarget}`);
  const problem = contentProblem(input.bytes);
  if (problem) throw new ToolError(`${inputPath} is not a usable GRUB config: ${problem}`);
  const oldText = bytesToText(input.bytes);
  const config = parseGrubConfig(oldText);
  if (config.entries.length === 0)
    throw new ToolError(`${inputPath} has no boot entries (no title lines): nothing to edit`);
  const oldLines = config.lines.map((l) => ({ ...l }));

  const selection = selectEntries(config, options.entries, inputPath);
  warnings.push(...selection.warnings);
  const edits = editEntries(config, selection.entries, params.map(userTextToFileText));
  for (const e of edits) {
    if (e.skipped) warnings.push(`entry ${e.entry.index} left alone: ${e.skipped}`);
    for (const c of e.changes)
      if (c.action === 'replaced')
        warnings.push(`entry ${e.entry.index}: replaced ${c.old} with ${c.arg}`);
    for (const w of findConflicts(e.newArgs, params)) warnings.push(`entry ${e.entry.index}: ${w}`);
  }
  const changedLines = edits.filter((e) => e.changed).map((e) => e.line);
  const changed = changedLines.length > 0;
  const newText = serializeGrubConfig(config);

  const output = options.output ?? `${inputPath}.kvm`;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  const patch = unifiedDiff(
    oldLines,
    config.lines,
    changedLines,
    inputPath,
    output === '-' ? `${inputPath}.kvm` : output,
  );
  const result: RunResult = {
    root: options.root,
    input,
    facts,
    origin,
    params,
    config,
    edits,
    changed,
    newText,
    patch,
    output,
    outcome: 'unchanged',
    warnings,
  };
  if (diffPath !== undefined) result.diffPath = diffPath;

  if (params.length === 0) return { ...result, outcome: 'no-params' };
  if (!changed) return { ...result, outcome: 'unchanged' };
  if (output === '-') return { ...result, outcome: 'stdout' };
  if (options.dryRun) return { ...result, outcome: 'dry-run' };
  return { ...result, outcome: 'ready' };
}

/** Writes a prepared result's outputs; anything not `ready` is returned as it is. */
export async function commit(result: RunResult, options: Options): Promise<RunResult> {
  if (result.outcome !== 'ready') return result;
  await writeOutputs(result, options, result.output as string, result.diffPath as string);
  return { ...result, outcome: 'written' };
}

export async function run(options: Options): Promise<RunResult> {
  return commit(await prepare(options), options);
}

async function writeOutputs(
  result: RunResult,
  options: Options,
  output: string,
  diffPath: string,
): Promise<void> {
  if (
    path.resolve(output) === path.resolve(result.input.path) ||
    path.resolve(diffPath) === path.resolve(result.input.path)
  ) {
    throw new UsageError(
      `--output/--diff must not name the input ${result.input.path}: grub.conf is never written`,
    );
  }
  if (path.resolve(output) === path.resolve(diffPath))
    throw new UsageError('--output and --diff name the same file');
  // Check both before writing either, so a refusal leaves nothing behind.
  await checkTarget(output, options.force);
  await checkTarget(diffPath, options.force);
  const opts = {
    mode: result.input.mode,
    owner: { uid: result.input.uid, gid: result.input.gid },
    force: options.force,
  };
  await writeFileAtomic(output, textToBytes(result.newText), opts);
  await writeFileAtomic(diffPath, textToBytes(result.patch), opts);
}
