import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Options } from './shared/options.js';
import { ToolError, UsageError } from './shared/errors.js';
import { detectFacts } from './facts/detect/index.js';
import { kernelVersionFromImage } from './facts/detect/kernel-version.js';
import { isRhelFamily, type DetectedFacts } from './facts/detect/types.js';
import { detectionRoot, mergeFacts } from './facts/gather.js';
import type { Facts } from './facts/types.js';
import { bytesToText, userTextToFileText } from './shared/bytes.js';
import { editPlans, type EntryEdit } from './grub/edit.js';
import {
  parseGrubConfig,
  serializeGrubConfig,
  type GrubConfig,
  type GrubEntry,
} from './grub/model.js';
import { defaultEntry, selectEntries } from './grub/select.js';
import { contentProblem, locateGrubConf, readInput, type InputFile } from './shared/input.js';
import { unifiedDiff } from './output/diff.js';
import { writeOutputs } from './output/outputs.js';
import { advise } from './advice.js';
import { chooseRuleSets, type RuleChoice } from './rules/choose.js';
import { CONFLICT_ARG_NAMES, findConflicts } from './rules/conflicts.js';
import { decide, PVCLOCK_SINCE, type LpjChoice } from './rules/decide.js';
import { HAZARD_ARG_NAMES, hazardsOf } from './rules/kernel-args.js';
import { kernelToRelease } from './rules/kernel-release.js';
import type { NoRule, RuleMatch } from './rules/select.js';
import { compareReleases } from './rules/release.js';
import type { Arch } from './rules/types.js';

/** Where an entry's parameters came from: a row of a rule table, or `--params`. */
export type ParamsOrigin =
  { kind: 'rule'; match: RuleMatch; template: readonly string[] } | { kind: 'params-flag' };

/**
 * - `written`: outputs written.
 * - `dry-run`: there were changes; nothing written on purpose.
 * - `stdout`: the edited config went to stdout (`--output -`).
 * - `no-params`: the rules ask for no parameters.
 * - `not-rhel`: the guest is not RHEL (or a rebuild): the tables say nothing.
 * - `unchanged`: every selected entry already has its parameters.
 * - `ready`: prepared and waiting for `commit` to write it.
 * - `declined`: the wizard's "write?" was answered no.
 */
export type Outcome =
  'written' | 'dry-run' | 'stdout' | 'no-params' | 'not-rhel' | 'unchanged' | 'ready' | 'declined';

/** What one entry gets and why. */
export interface EntryPlan {
  entry: GrubEntry;
  /** The kernel version the entry boots, when its image name tells. */
  kernel?: string;
  /** The release decided for: the entry's kernel's (per entry) or the guest's. */
  release?: string;
  releaseSource?: string;
  params: string[];
  origin?: ParamsOrigin;
  /** Why the entry gets nothing although it was selected. */
  skipped?: string;
}

/** What is known before anything is decided: the config and the facts. */
export interface Inspection {
  root: string;
  inputPath?: string;
  input?: InputFile;
  config?: GrubConfig;
  /** Why no config could be read; thrown only when one is needed. */
  inputError?: ToolError;
  detected?: DetectedFacts;
  /** Why detection did not run, when it did not. */
  detectionSkipped?: string;
  facts: Facts;
}

export interface RunResult extends Inspection {
  /** The parameters of the guest-wide decision (per entry: all entries' together). */
  params: string[];
  /** The guest-wide decision's origin; absent per entry or when nothing was decided. */
  origin?: ParamsOrigin;
  perEntry: boolean;
  plans: EntryPlan[];
  ruleNote?: string;
  edits: EntryEdit[];
  changed: boolean;
  /** The edited config and the diff, as latin1 text (see grub/bytes.ts). */
  newText: string;
  patch: string;
  output?: string;
  diffPath?: string;
  outcome: Outcome;
  warnings: string[];
  /** Advice that is not about grub.conf (NTP, hypervisor). */
  advice: string[];
}

async function readConfig(
  options: Options,
): Promise<Pick<Inspection, 'inputPath' | 'input' | 'config' | 'inputError'>> {
  let inputPath: string | undefined;
  try {
    inputPath = await locateGrubConf(options.root, options.grubConf);
    const input = await readInput(inputPath);
    const problem = contentProblem(input.bytes);
    if (problem) {
      throw new ToolError(
        `${inputPath} is not a usable GRUB config: ${problem} (check the path, or give the guest's grub.conf with --grub-conf)`,
      );
    }
    const config = parseGrubConfig(bytesToText(input.bytes));
    if (config.entries.length === 0) {
      throw new ToolError(
        `${inputPath} has no boot entries (no title lines), so nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`,
      );
    }
    if (config.defaults.at(-1)?.value === 'saved') {
      const saved = await readSavedDefault(inputPath);
      if (saved) config.saved = saved;
    }
    return { inputPath, input, config };
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return inputPath === undefined ? { inputError: err } : { inputPath, inputError: err };
  }
}

/**
 * GRUB legacy's `default saved` boots the entry `savedefault` wrote to the
 * file `default` beside the config: its first line holds the number.
 */
async function readSavedDefault(
  inputPath: string,
): Promise<{ entry: number; source: string } | undefined> {
  const file = path.join(path.dirname(inputPath), 'default');
  const fh = await fsp.open(file, 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    const m = /^\s*(\d{1,6})\b/.exec(buffer.subarray(0, bytesRead).toString('latin1'));
    return m ? { entry: Number(m[1]), source: file } : undefined;
  } finally {
    await fh.close();
  }
}

async function checkRoot(options: Options): Promise<void> {
  if (!options.rootGiven) return;
  const st = await fsp.stat(options.root).catch(() => undefined);
  if (!st?.isDirectory())
    throw new UsageError(`--root ${options.root}: not a directory (give the guest's mounted root)`);
}

/** Reads the config and the guest's facts; nothing is decided yet. */
export async function inspect(options: Options): Promise<Inspection> {
  await checkRoot(options);
  const read = await readConfig(options);
  const root = detectionRoot(options, options.rootGiven, read.inputPath);
  const inspection: Inspection = {
    root: options.root,
    ...read,
    facts: mergeFacts(undefined, options),
  };
  if (root === undefined) {
    inspection.detectionSkipped = `${read.inputPath ?? 'the config'} is not under ${path.join(options.root, 'boot')}, so this system's files do not describe its guest: give --root to detect`;
    return inspection;
  }
  const def = read.config && defaultEntry(read.config).entry;
  const defaultKernelVersion = def?.image ? kernelVersionFromImage(def.image) : undefined;
  const detected = await detectFacts(
    root,
    defaultKernelVersion === undefined ? {} : { defaultKernelVersion },
  );
  return { ...inspection, detected, facts: mergeFacts(detected, options) };
}

function lpjChoice(facts: Facts, options: Options): LpjChoice {
  return options.lpj === false ? 'omit' : facts.lpj.value;
}

function missingFactsError(facts: Facts): UsageError {
  const missing: string[] = [];
  if (facts.release.value === undefined) missing.push(`--release X.Y (${facts.release.source})`);
  if (facts.arch.value === undefined) missing.push(`--arch x86_64|i686 (${facts.arch.source})`);
  return new UsageError(
    `the guest's release or architecture is not known: give ${missing.join(' and ')}, or --params "..."`,
  );
}

/** Decides for one release with the chosen sets, in order; undefined: no set has a row. */
function decideWith(
  choice: RuleChoice,
  release: string,
  arch: Arch,
  pvclock: boolean,
  lpj: LpjChoice,
) {
  const misses: NoRule[] = [];
  for (const set of choice.sets) {
    const d = decide(set, { release, arch, pvclock, lpj });
    if ('match' in d) return { decision: d, misses };
    misses.push(d);
  }
  return { decision: undefined, misses };
}

function noRuleError(release: string, arch: Arch, misses: NoRule[]): ToolError {
  const why = misses.map((m) => m.reason).join('; ');
  return new ToolError(
    `no rule for RHEL ${release} ${arch}: ${why}; give the parameters yourself with --params "..."`,
  );
}

interface GuestPlan {
  params: string[];
  origin?: ParamsOrigin;
  notRhel?: string;
}

/** The guest-wide decision: `--params` verbatim, else the rule row for the facts. */
function planGuest(
  ins: Inspection,
  options: Options,
  choice: RuleChoice,
  warnings: string[],
): GuestPlan {
  if (options.params) return { params: options.params, origin: { kind: 'params-flag' } };
  const { facts, detected } = ins;
  if (
    options.release === undefined &&
    detected?.family.value !== undefined &&
    !isRhelFamily(detected.family.value)
  ) {
    const what = detected.distro.value ?? detected.family.value;
    return {
      params: [],
      notRhel: `not a RHEL guest (${what}, from ${detected.family.source}): no parameters from the RHEL tables`,
    };
  }
  if (facts.release.value === undefined || facts.arch.value === undefined)
    throw missingFactsError(facts);
  if (facts.pvclock.value === undefined) {
    warnings.push(`kvm-clock assumed absent: ${facts.pvclock.source}`);
  }
  const { decision, misses } = decideWith(
    choice,
    facts.release.value,
    facts.arch.value,
    facts.pvclock.value ?? false,
    lpjChoice(facts, options),
  );
  if (!decision) throw noRuleError(facts.release.value, facts.arch.value, misses);
  warnings.push(...decision.warnings);
  return {
    params: decision.params,
    origin: { kind: 'rule', match: decision.match, template: decision.template },
  };
}

/** Per entry: the release of the kernel the entry boots decides. */
function planEntry(
  entry: GrubEntry,
  ins: Inspection,
  options: Options,
  choice: RuleChoice,
  warnings: string[],
): EntryPlan {
  const kernel = entry.image ? kernelVersionFromImage(entry.image) : undefined;
  const plan: EntryPlan = { entry, params: [] };
  if (kernel !== undefined) plan.kernel = kernel;
  const mapped = kernel === undefined ? undefined : kernelToRelease(kernel);
  if (!mapped) {
    plan.skipped = `its kernel ${kernel ?? entry.image} cannot be mapped to a RHEL release`;
    return plan;
  }
  const { facts } = ins;
  if (facts.arch.value === undefined) throw missingFactsError(facts);
  plan.release = mapped.release;
  plan.releaseSource = `kernel ${kernel}${mapped.exact ? '' : ' (between table rows)'}`;
  // kvm-clock arrived with RHEL 5.4's kernel; older kernels cannot have it.
  const older = compareReleases(mapped.release, PVCLOCK_SINCE) < 0;
  const pvclock = older ? false : (facts.pvclock.value ?? false);
  if (!older && facts.pvclock.value === undefined) {
    warnings.push(`entry ${entry.index}: kvm-clock assumed absent: ${facts.pvclock.source}`);
  }
  const { decision, misses } = decideWith(
    choice,
    mapped.release,
    facts.arch.value,
    pvclock,
    lpjChoice(facts, options),
  );
  if (!decision) {
    plan.skipped = `no rule for its kernel's release: ${misses.map((m) => m.reason).join('; ')}`;
    return plan;
  }
  for (const w of decision.warnings) warnings.push(`entry ${entry.index}: ${w}`);
  plan.params = decision.params;
  plan.origin = { kind: 'rule', match: decision.match, template: decision.template };
  return plan;
}

/** The release whose kernel an entry boots, else the guest's. */
function entryRelease(plan: EntryPlan, facts: Facts): string | undefined {
  if (plan.release) return plan.release;
  const mapped = plan.kernel === undefined ? undefined : kernelToRelease(plan.kernel);
  return mapped?.release ?? facts.release.value;
}

/** Drops parameters that could stop the entry's kernel from booting, and says why. */
function dropHarmful(plan: EntryPlan, facts: Facts, warnings: string[]): void {
  const release = entryRelease(plan, facts);
  if (release === undefined) return;
  const harms = plan.params.map((p) => hazardsOf(p, release).find((h) => h.kind === 'harmful'));
  if (harms.every((h) => h === undefined)) return; // the usual case: the list stays shared
  plan.params = plan.params.filter((p, i) => {
    const harm = harms[i];
    if (harm) warnings.push(`entry ${plan.entry.index}: ${p} not added: ${harm.reason}`);
    return !harm;
  });
}

/**
 * Every hazard and contradiction is about a `name=` argument of a few names:
 * a line with none of them needs no splitting into arguments (most lines of
 * a large config).
 */
const WATCHED = new RegExp(
  `(?:^|[ \\t])(?:${[...new Set([...HAZARD_ARG_NAMES, ...CONFLICT_ARG_NAMES])].join('|')})=`,
);

/** Warns about what the edit found on the line: hazards for the kernel, contradictions, replacements. */
function reviewEdit(
  e: EntryEdit,
  plan: EntryPlan | undefined,
  facts: Facts,
  warnings: string[],
): void {
  const i = e.entry.index;
  const params = plan?.params ?? [];
  if (e.skipped) warnings.push(`entry ${i} left alone: ${e.skipped}`);
  for (const c of e.changes) {
    if (c.action === 'replaced') warnings.push(`entry ${i}: replaced ${c.old} with ${c.arg}`);
  }
  if (!WATCHED.test(e.oldText)) {
    // Nothing on the line can be hazardous; only the added parameters could contradict each other.
    for (const w of findConflicts(params, params)) warnings.push(`entry ${i}: ${w}`);
    return;
  }
  const release = plan && entryRelease(plan, facts);
  if (release !== undefined) {
    for (const arg of e.oldArgs) {
      for (const h of hazardsOf(arg, release))
        warnings.push(`entry ${i}: ${arg} is already on the line: ${h.reason}`);
    }
  }
  for (const w of findConflicts(e.newArgs, params)) warnings.push(`entry ${i}: ${w}`);
}

/** Everything short of writing: facts, plan, edit and diff. */
export async function prepare(options: Options, given?: Inspection): Promise<RunResult> {
  // Facts are re-merged: the wizard's answers arrive as options after inspection.
  const ins = given
    ? { ...given, facts: mergeFacts(given.detected, options) }
    : await inspect(options);
  const warnings: string[] = [];
  const choice = chooseRuleSets(options.rules, ins.detected?.hypervisor);
  const advice = advise(ins.detected, choice);
  const guest =
    options.perEntry && !options.params ? undefined : planGuest(ins, options, choice, warnings);
  const base = {
    ...ins,
    perEntry: guest === undefined,
    params: guest?.params ?? [],
    plans: [] as EntryPlan[],
    edits: [] as EntryEdit[],
    changed: false,
    newText: '',
    patch: '',
    warnings,
    advice,
  };
  const result: RunResult = { ...base, outcome: 'no-params' };
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
  const plans = selection.entries.map((entry): EntryPlan => {
    if (!guest) return planEntry(entry, ins, options, choice, warnings);
    const kernel = entry.image ? kernelVersionFromImage(entry.image) : undefined;
    // One list shared by every entry; dropHarmful replaces, never mutates, it.
    const p: EntryPlan = { entry, params: guest.params };
    if (kernel !== undefined) p.kernel = kernel;
    if (ins.facts.release.value !== undefined) {
      p.release = ins.facts.release.value;
      p.releaseSource = ins.facts.release.source;
    }
    if (guest.origin) p.origin = guest.origin;
    return p;
  });
  for (const p of plans) {
    if (p.skipped) warnings.push(`entry ${p.entry.index} left alone: ${p.skipped}`);
    dropHarmful(p, ins.facts, warnings);
  }
  const edits = editPlans(
    config,
    plans.map((p) => ({ entry: p.entry, params: p.params.map(userTextToFileText) })),
  );
  const planOf = new Map(plans.map((p) => [p.entry, p]));
  for (const e of edits) reviewEdit(e, planOf.get(e.entry), ins.facts, warnings);
  const changedLines = edits.filter((e) => e.changed).map((e) => e.line);
  const changed = changedLines.length > 0;
  const output = options.output ?? `${inputPath}.kvm`;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  const patch = unifiedDiff(
    oldLines,
    config.lines,
    changedLines,
    inputPath,
    output === '-' ? `${inputPath}.kvm` : output,
  );
  const all = guest ? guest.params : [...new Set(plans.flatMap((p) => p.params))];
  const done: RunResult = {
    ...result,
    params: all,
    plans,
    edits,
    changed,
    newText: serializeGrubConfig(config),
    patch,
    output,
  };
  if (diffPath !== undefined) done.diffPath = diffPath;
  if (plans.every((p) => p.params.length === 0)) return { ...done, outcome: 'no-params' };
  if (!changed) return { ...done, outcome: 'unchanged' };
  if (output === '-') return { ...done, outcome: 'stdout' };
  if (options.dryRun) return { ...done, outcome: 'dry-run' };
  return { ...done, outcome: 'ready' };
}

/** Writes a prepared result's outputs; anything not `ready` is returned as it is. */
export async function commit(result: RunResult, options: Options): Promise<RunResult> {
  if (result.outcome !== 'ready') return result;
  await writeOutputs({
    input: result.input as InputFile,
    output: result.output as string,
    diffPath: result.diffPath as string,
    content: result.newText,
    patch: result.patch,
    force: options.force,
  });
  return { ...result, outcome: 'written' };
}

export async function run(options: Options): Promise<RunResult> {
  return commit(await prepare(options), options);
}
