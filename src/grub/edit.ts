import { argName } from '../shared/cmdline.js';
import { argsLength, formatCommandLine, parseCommandLine, type CommandLine } from './cmdline.js';
import type { GrubConfig, GrubEntry } from './model.js';

export type ArgAction = 'appended' | 'replaced' | 'kept';

export interface ArgChange {
  action: ArgAction;
  arg: string;
  /** For `replaced`: what stood there before. */
  old?: string;
}

export interface EntryEdit {
  entry: GrubEntry;
  line: number;
  /** The line before and after the edit (equal when unchanged). */
  readonly oldText: string;
  readonly newText: string;
  /** The arguments before and after, read from the line texts when asked for. */
  readonly oldArgs: string[];
  readonly newArgs: string[];
  readonly changes: ArgChange[];
  readonly changed: boolean;
  /** Why the line was left alone although the entry was selected. */
  skipped?: string;
  /** What the kernel will not see of the line as it stays (it is longer than the kernel keeps). */
  cut?: string;
}

function argsOf(text: string): string[] {
  return parseCommandLine(text)?.args.map((t) => t.text) ?? [];
}

/**
 * Keeps only the two line texts and reads the arguments from them when
 * asked: a config of tens of thousands of entries would otherwise hold two
 * argument arrays per entry for the whole run.
 */
class LineEdit implements EntryEdit {
  skipped?: string;
  cut?: string;
  constructor(
    readonly entry: GrubEntry,
    readonly line: number,
    readonly changes: ArgChange[],
    readonly changed: boolean,
    readonly oldText: string,
    readonly newText: string,
  ) {}

  get oldArgs(): string[] {
    return argsOf(this.oldText);
  }

  get newArgs(): string[] {
    return argsOf(this.newText);
  }
}

/**
 * Clock arguments the kernel reads once per occurrence, so the last one on
 * the line wins. grubby replaces only the first of a name; with a duplicate
 * (`clock=pit clock=pit`) that leaves the old value in force. For these
 * names every later duplicate is replaced too. Names that may rightly repeat
 * (`console=`) keep grubby's rule.
 */
const LAST_ONE_WINS: ReadonlySet<string> = new Set([
  'lpj',
  'clocksource',
  'clock',
  'divider',
  'hpet',
  'notsc',
  'tsc',
]);

/** `argName(text) === name`, without cutting a substring out of every argument it looks at. */
function nameTest(name: string): (text: string) => boolean {
  const prefix = `${name}=`;
  return (text) => text === name || text.startsWith(prefix);
}

function replaceAt(cl: CommandLine, at: number, arg: string, changes: ArgChange[]): void {
  const token = cl.args[at] as { lead: string; text: string };
  if (token.text === arg) {
    changes.push({ action: 'kept', arg });
  } else {
    changes.push({ action: 'replaced', arg, old: token.text });
    token.text = arg;
  }
}

/**
 * grubby's `--update-kernel --args` rule: an argument whose name is already
 * on the line replaces the first unused one of that name in place; an
 * identical one is kept; anything else is appended after one space.
 * Applying the same parameters twice therefore changes nothing.
 * Like grubby, blanks that ended the line become the separator before the
 * first appended argument rather than being left dangling after the last.
 */
export function applyArgs(cl: CommandLine, params: readonly string[]): ArgChange[] {
  const used = new Set<number>();
  const changes: ArgChange[] = [];
  for (const arg of params) {
    const name = argName(arg);
    const named = nameTest(name);
    const at = cl.args.findIndex((t, i) => !used.has(i) && named(t.text));
    if (at === -1) {
      cl.args.push({ lead: cl.trail === '' ? ' ' : cl.trail, text: arg });
      cl.trail = '';
      used.add(cl.args.length - 1);
      changes.push({ action: 'appended', arg });
      continue;
    }
    used.add(at);
    replaceAt(cl, at, arg, changes);
    if (!LAST_ONE_WINS.has(name)) continue;
    cl.args.forEach((t, i) => {
      if (i > at && !used.has(i) && named(t.text) && t.text !== arg) {
        used.add(i);
        replaceAt(cl, i, arg, changes);
      }
    });
  }
  return changes;
}

/** The same parameters for every given entry: see `editPlans`. */
export function editEntries(
  config: GrubConfig,
  entries: readonly GrubEntry[],
  params: readonly string[],
): EntryEdit[] {
  return editPlans(
    config,
    entries.map((entry) => ({ entry, params })),
  );
}

/** The longest command line an entry's kernel keeps, and why. */
export interface LineLimit {
  bytes: number;
  source: string;
  /** Why the limit had to be assumed. */
  assumed?: string;
}

export interface PlannedEdit {
  entry: GrubEntry;
  params: readonly string[];
  /** Absent: no limit is checked. */
  limit?: LineLimit;
}

/** The arguments that end past the limit: what the kernel never sees. */
function pastLimit(cl: CommandLine, bytes: number): string[] {
  let n = 0;
  return cl.args.flatMap((t, i) => {
    n += (i === 0 ? 0 : t.lead.length) + t.text.length;
    return n > bytes ? [t.text] : [];
  });
}

function tooLong(after: number, before: number, limit: LineLimit): string {
  const was = before > limit.bytes ? ` (it is already ${before} bytes)` : '';
  const assumed = limit.assumed ? `; ${limit.assumed}` : '';
  return `its command line would be ${after} bytes, more than the ${limit.bytes} its kernel keeps${was}: the added parameters would be cut off without a word (${limit.source}${assumed}); remove arguments it does not need, such as rhgb quiet, and run again`;
}

/** Edits the Linux command line of each planned entry in place in `config.lines`, each with its own parameters. */
export function editPlans(config: GrubConfig, plans: readonly PlannedEdit[]): EntryEdit[] {
  const edits: EntryEdit[] = [];
  for (const { entry, params, limit } of plans) {
    if (entry.linuxLine === undefined) continue;
    const line = config.lines[entry.linuxLine];
    const cl = line && parseCommandLine(line.text);
    if (!line || !cl) continue;
    if (cl.unbalancedQuote) {
      // The kernel would read anything appended as part of the open quote.
      const skipped =
        'unbalanced " in its arguments: added parameters would end up inside the quote';
      const edit = new LineEdit(entry, entry.linuxLine, [], false, line.text, line.text);
      edit.skipped = skipped;
      edits.push(edit);
      continue;
    }
    const before = limit ? argsLength(cl) : 0;
    const changes = applyArgs(cl, params);
    const changed = changes.some((c) => c.action !== 'kept');
    const after = limit && changed ? argsLength(cl) : 0;
    if (limit && after > limit.bytes) {
      const edit = new LineEdit(entry, entry.linuxLine, [], false, line.text, line.text);
      edit.skipped = tooLong(after, before, limit);
      edits.push(edit);
      continue;
    }
    const text = changed ? formatCommandLine(cl) : line.text;
    const cut =
      limit && !changed && before > limit.bytes
        ? `its command line is ${before} bytes, more than the ${limit.bytes} its kernel keeps (${limit.source}): the kernel never sees ${pastLimit(cl, limit.bytes).join(' ')}; remove arguments it does not need, such as rhgb quiet`
        : undefined;
    // A new Line, not a mutated one: callers keep the old lines by a shallow copy.
    if (changed) config.lines[entry.linuxLine] = { text, eol: line.eol };
    const edit = new LineEdit(entry, entry.linuxLine, changes, changed, line.text, text);
    if (cut) edit.cut = cut;
    edits.push(edit);
  }
  return edits;
}
