import { argName } from '../shared/cmdline.js';
import { displayText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { splitLines, type Line } from '../shared/lines.js';
import { parseCommandLine, type CommandLine } from '../grub/cmdline.js';
import { parseGrubConfig, type GrubConfig, type GrubEntry } from '../grub/model.js';

/** What an edited kernel (or Xen module) line gained: parameters appended, and parameters whose value changed. */
export interface LineChange {
  /** 1-based, as editors and diff show it. */
  line: number;
  entry: number;
  /** The entry's title, UTF-8 where valid. */
  title: string;
  added: string[];
  replaced: { from: string; to: string }[];
}

/** The names the two files go by in messages. */
export interface PairNames {
  old: string;
  new: string;
}

/** A line's text as a message shows it: one line, UTF-8 where valid, cut when long. */
export function shownLine(line: Line | undefined): string {
  return line === undefined ? '(no such line: the file ends before it)' : quote(line.text);
}

function quote(text: string): string {
  return `"${printable(displayText(text), 120)}"`;
}

function refuse(names: PairNames, index: number, why: string, a?: Line, b?: Line): ToolError {
  return new ToolError(
    `refusing to install: ${names.new} differs from ${names.old} by more than added or replaced kernel parameters: line ${index + 1} ${why}: ${names.old} has ${shownLine(a)}, ${names.new} has ${shownLine(b)} (run fix-clock-drift again to remake it, review the diff, then install)`,
  );
}

/** The edit the tool makes to one command line, judged from the two texts alone. */
function compareArgs(a: CommandLine, b: CommandLine): string | LineChange['replaced'] {
  if (a.prefix !== b.prefix) return 'changes the keyword or the image, not only the parameters';
  if (a.end !== b.end) return 'changes the line ending';
  if (b.args.length < a.args.length) return 'drops parameters';
  const replaced: LineChange['replaced'] = [];
  for (let i = 0; i < a.args.length; i++) {
    const [x, y] = [a.args[i], b.args[i]] as [CommandLine['args'][0], CommandLine['args'][0]];
    if (argName(x.text) !== argName(y.text))
      return `has ${displayText(y.text)} where ${displayText(x.text)} stood (a parameter removed, moved or renamed)`;
    if (x.lead !== y.lead) return 'changes the blanks between parameters';
    if (x.text !== y.text) replaced.push({ from: displayText(x.text), to: displayText(y.text) });
  }
  const appended = b.args.slice(a.args.length);
  if (appended.length === 0)
    return b.trail === a.trail ? replaced : 'changes the blanks at its end';
  // The tool appends after the blanks that ended the line (or one space), one space apart.
  const leads = appended.map((t, i) => t.lead === (i === 0 ? a.trail || ' ' : ' '));
  if (!leads.every(Boolean) || b.trail !== '') return 'appends with other blanks than the tool';
  return replaced;
}

/** The entry whose Linux command line is the line at `index`, if any. */
function editedEntry(config: GrubConfig, index: number): GrubEntry | undefined {
  return config.entries.find((e) => e.linuxLine === index);
}

/**
 * Re-checks from the two files alone that `newText` (grub.conf.kvm) is
 * `oldText` (grub.conf) with parameters added or replaced on the lines the
 * tool edits (each entry's Linux command line: its kernel line, or a Xen
 * entry's first module line), and nothing else: same lines, same line
 * endings, same titles, images and blanks. Both are latin1 text. Returns
 * the changes; refuses with the first line that differs otherwise.
 */
export function checkPair(oldText: string, newText: string, names: PairNames): LineChange[] {
  const a = parseGrubConfig(oldText);
  const b = parseGrubConfig(newText);
  const changes: LineChange[] = [];
  const count = Math.max(a.lines.length, b.lines.length);
  for (let i = 0; i < count; i++) {
    const [x, y] = [a.lines[i], b.lines[i]];
    if (x && y && x.text === y.text && x.eol === y.eol) continue;
    if (!x || !y) {
      const what = x ? 'is missing (the file is cut short)' : 'was added';
      throw refuse(names, i, what, x, y);
    }
    if (y.eol === '' && x.eol !== '' && x.text.startsWith(y.text))
      throw refuse(names, i, 'is cut short (the file ends inside it)', x, y);
    if (x.eol !== y.eol) throw refuse(names, i, 'ends differently (CRLF or LF)', x, y);
    const entry = editedEntry(a, i);
    if (!entry) throw refuse(names, i, 'is not a kernel or module line the tool edits', x, y);
    const [cx, cy] = [parseCommandLine(x.text), parseCommandLine(y.text)];
    const result = cx && cy ? compareArgs(cx, cy) : 'cannot be read as a kernel line';
    if (typeof result === 'string') throw refuse(names, i, result, x, y);
    changes.push({
      line: i + 1,
      entry: entry.index,
      title: displayText(entry.title),
      added: (cy as CommandLine).args
        .slice((cx as CommandLine).args.length)
        .map((t) => displayText(t.text)),
      replaced: result,
    });
  }
  return changes;
}

/** "+notsc +lpj=2394000 clock=pit -> clock=pmtmr": one change in words. */
export function describeChange(c: LineChange): string {
  return [...c.added.map((p) => `+${p}`), ...c.replaced.map((r) => `${r.from} -> ${r.to}`)].join(
    ' ',
  );
}

/** The first line where two texts differ, 0-based, with both lines; undefined when equal. */
export function firstDifference(
  oldText: string,
  newText: string,
): { index: number; old?: Line; new?: Line } | undefined {
  const [a, b] = [splitLines(oldText), splitLines(newText)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x && y && x.text === y.text && x.eol === y.eol) continue;
    const d: { index: number; old?: Line; new?: Line } = { index: i };
    if (x) d.old = x;
    if (y) d.new = y;
    return d;
  }
  return undefined;
}
