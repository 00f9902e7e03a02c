import type { Subcommand } from './commands/types.js';
import { VERSION_HELP } from './version-text.js';
import { longFlag, OPTIONS, type FlagSpec } from './options.js';

/**
 * What shell completion offers, derived from the flag tables, for the bash
 * and zsh renderers: every command (the main one is named ''), its flags,
 * and what each flag's value can be.
 */
export type ValueCompletion =
  /** One of these words. */
  | { kind: 'words'; words: readonly string[] }
  /** These words, and the entry numbers of the grub.conf the command line names. */
  | { kind: 'entries'; words: readonly string[] }
  | { kind: 'dirs' }
  | { kind: 'files' }
  /** A value to type (a release, a number): nothing to offer. */
  | { kind: 'any'; placeholder: string };

export interface FlagCompletion {
  /** All its names: ['--root'], ['-h', '--help']. */
  names: readonly string[];
  description: string;
  /** Absent: the flag takes no value. */
  value?: ValueCompletion;
}

export interface CommandCompletion {
  /** '' for the main command. */
  name: string;
  summary: string;
  flags: readonly FlagCompletion[];
  /** Its positional arguments, when it takes any. */
  args?: ValueCompletion;
}

/** Flags whose value is a choice of a grub.conf's entries: completion reads that file. */
const ENTRY_FLAGS = new Set(['--entries']);

/**
 * Words go into shell source (bash's compgen -W expands its list), so only
 * plain ones are accepted: a rule set named `$(...)` fails here, in a test,
 * rather than in someone's shell.
 */
function plain(words: readonly string[], what: string): readonly string[] {
  for (const w of words) {
    if (!/^[A-Za-z0-9_.,+:@%-]+$/.test(w))
      throw new Error(`completion: ${what} has a value that is not a plain word: ${w}`);
  }
  return words;
}

/** From the placeholder: `<dir>` completes directories, `<path>` and `<file>` files. */
function fromPlaceholder(placeholder: string): ValueCompletion {
  if (/^(dir|directory|root)$/i.test(placeholder)) return { kind: 'dirs' };
  if (/(^|-)(path|file)$/i.test(placeholder)) return { kind: 'files' };
  return { kind: 'any', placeholder };
}

export function valueCompletion(spec: FlagSpec): ValueCompletion | undefined {
  const placeholder = /<([^>]+)>|\[([^\]]+)\]/.exec(spec.flags);
  if (!placeholder) return undefined;
  const flag = longFlag(spec);
  if (spec.values) {
    const words = plain(spec.values(), flag);
    return ENTRY_FLAGS.has(flag) ? { kind: 'entries', words } : { kind: 'words', words };
  }
  return fromPlaceholder((placeholder[1] ?? placeholder[2]) as string);
}

function flagCompletion(spec: FlagSpec): FlagCompletion {
  const names = spec.flags
    .split(' ')
    .filter((w) => w.startsWith('-'))
    .map((w) => w.replace(/,$/, ''));
  const value = valueCompletion(spec);
  return { names, description: spec.description, ...(value ? { value } : {}) };
}

const HELP: FlagCompletion = { names: ['-h', '--help'], description: 'show the help and exit' };
const VERSION: FlagCompletion = {
  names: ['-V', '--version'],
  description: VERSION_HELP,
};

function argsCompletion(c: Subcommand): ValueCompletion | undefined {
  if (c.argValues) return { kind: 'words', words: plain(c.argValues(), c.name) };
  if (!c.args) return undefined;
  const placeholder = /<([^>]+)>|\[([^\]]+)\]/.exec(c.args);
  return fromPlaceholder((placeholder?.[1] ?? placeholder?.[2] ?? c.args) as string);
}

/** The main command first, then every subcommand of the registry, in its order. */
export function completionSpec(
  subcommands: readonly Subcommand[],
  main: readonly FlagSpec[] = OPTIONS,
): CommandCompletion[] {
  const mainCommand: CommandCompletion = {
    name: '',
    summary: 'decide and write the kernel parameters of a guest',
    flags: [...main.map(flagCompletion), HELP, VERSION],
  };
  return [
    mainCommand,
    ...subcommands.map((c) => {
      const args = argsCompletion(c);
      plain([c.name], 'a subcommand name');
      return {
        name: c.name,
        summary: c.summary,
        flags: [...c.flags.map(flagCompletion), HELP],
        ...(args ? { args } : {}),
      };
    }),
  ];
}
