import type { InputFile } from '../shared/input.js';
import type { Options } from '../shared/options.js';
import type { GuestAccess } from './guest.js';

/** The boot-config formats the tool edits; each is a BootTarget (see pipeline/targets.ts). */
export type TargetKind = 'grub' | 'boot.ini';

/**
 * - `written`: outputs written.
 * - `dry-run`: there were changes; nothing written on purpose.
 * - `stdout`: the edited config went to stdout (`--output -`).
 * - `no-params`: the rules ask for no parameters.
 * - `not-rhel`: the guest is not RHEL (or a rebuild): the tables say nothing.
 * - `unchanged`: every selected entry already has its parameters.
 * - `not-edited`: an entry that needed parameters could not be edited (an
 *   unbalanced quote, a command line the kernel would cut) and none was:
 *   the run failed (exit status 1).
 * - `current`: the outputs were already there with exactly these bytes (a
 *   run done before on the same grub.conf): nothing written.
 * - `script`: the guest-side writer that writes the pair there was put in
 *   a file (`--emit-writer`), for another tool to run on the guest.
 * - `ready`: prepared and waiting to be written.
 * - `declined`: the wizard's "write?" was answered no.
 */
export type Outcome =
  | 'written'
  | 'dry-run'
  | 'stdout'
  | 'no-params'
  | 'not-rhel'
  | 'unchanged'
  | 'not-edited'
  | 'current'
  | 'script'
  | 'ready'
  | 'declined';

/** The exit status a run with this outcome ends with. */
export function outcomeExitCode(outcome: Outcome): number {
  return outcome === 'not-edited' ? 1 : 0;
}

/** What every target's run has: the file read, the edited text, its diff, what became of it. */
export interface TargetResult {
  kind: TargetKind;
  inputPath?: string;
  input?: InputFile;
  changed: boolean;
  /** The edited config and the diff, as latin1 text (see shared/bytes.ts). */
  newText: string;
  patch: string;
  output?: string;
  diffPath?: string;
  /** The guest the outputs are written on (over SSH); absent: this machine. */
  where?: string;
  /** With --emit-writer: the file holding the script that writes the pair on the guest. */
  script?: string;
  outcome: Outcome;
  warnings: string[];
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The prose report: what is printed before the diff, and after it. */
export interface Summary {
  before: string[];
  after: string[];
}

/** A run of a target, written (or not) and rendered. */
export interface Finished {
  result: TargetResult;
  json: JsonObject;
  summary: Summary;
}

/**
 * One boot-config format: how its file is found, and a run on it that
 * reads, plans, edits and diffs, writes through output/ (commitResult) and
 * renders its report. A new format is one module implementing this plus a
 * line in pipeline/targets.ts.
 */
export interface BootTarget {
  readonly kind: TargetKind;
  /** The flag that names this target's file, for messages and mode checks. */
  readonly flag: string;
  /** Whether the options name this target's file outright (its flag was given). */
  named(options: Options): boolean;
  /** This target's file under `root`, when the root holds one. */
  locate(root: string): Promise<string | undefined>;
  run(access: GuestAccess): Promise<Finished>;
}
