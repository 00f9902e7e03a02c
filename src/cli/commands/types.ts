import type { FlagSpec } from '../options.js';

/** commander's parsed values of a subcommand's flags, by camel-cased long flag. */
export type FlagValues = Readonly<Record<string, unknown>>;

/**
 * A subcommand (`fix-clock-drift host-check ...`): its own flag table drives
 * its --help, its README table and the man page like the main one does.
 * A new subcommand is a module exporting one of these and a line in
 * commands/index.ts.
 */
export interface Subcommand {
  name: string;
  /** One line for the main --help and the man page. */
  summary: string;
  /** The first line of its own --help. */
  description: string;
  /** Positional arguments after the flags, as --help shows them ('<dir>'); absent: none. */
  args?: string;
  /** Completion: the words a positional argument can be (absent: from `args`' placeholder). */
  argValues?: () => readonly string[];
  /** Its exit statuses, in words. */
  exitStatus: string;
  flags: readonly FlagSpec[];
  /** Runs with the parsed flags (and positional arguments); resolves to the exit status. */
  run(values: FlagValues, args: readonly string[]): Promise<number>;
}
