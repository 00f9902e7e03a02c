/**
 * Escaping for man(7) source. Everything the man page shows comes from the
 * flag tables as plain text, so each piece goes through one of these before
 * it meets a roff request.
 */

/**
 * Words whose hyphens are typed literally (flags, paths, commands, kernel
 * parameters) get `\-`, so that groff neither hyphenates there nor prints a
 * Unicode hyphen a reader cannot paste into a shell. A plain compound word
 * ("read-only", "zero-based") keeps its hyphen.
 */
function escapeHyphens(word: string, literals: ReadonlySet<string>): string {
  const bare = word.replace(/^[("'`[]+|[)"'`\],.;:!?]+$/g, '');
  const compound = /^[A-Za-z]+(-[A-Za-z]+)+$/.test(bare) && !literals.has(bare);
  return compound ? word : word.replace(/-/g, '\\-');
}

/** Non-ASCII characters as groff's \[uXXXX], so the source is ASCII and needs no preconv. */
function escapeNonAscii(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (ch) => {
    const code = ch.codePointAt(0) as number;
    return `\\[u${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  });
}

/**
 * Running text: backslashes, hyphens of literal words, non-ASCII. `literals`
 * are hyphenated words that are names to type (the program, its subcommands).
 */
export function roffText(text: string, literals: ReadonlySet<string> = new Set()): string {
  const noBackslash = text.replace(/\\/g, '\\e');
  const words = noBackslash
    .split(/(\s+)/)
    .map((w) => (/\s/.test(w) ? w : escapeHyphens(w, literals)));
  return escapeNonAscii(words.join(''));
}

/** A literal to type: every hyphen is a minus sign (`\-`). */
export function roffLiteral(text: string): string {
  return escapeNonAscii(text.replace(/\\/g, '\\e').replace(/-/g, '\\-'));
}

/** `\fB...\fR`. */
export function bold(text: string): string {
  return `\\fB${text}\\fR`;
}

/** `\fI...\fR`. */
export function italic(text: string): string {
  return `\\fI${text}\\fR`;
}

/**
 * Joins lines into a page. A text line that starts with `.` or `'` would
 * be read as a request: it gets the zero-width `\&` first. Lines that are
 * requests are marked by the caller as `{ request: '.TP' }`.
 */
export type RoffLine = string | { request: string };

export function roffPage(lines: readonly RoffLine[]): string {
  const out = lines.map((l) => {
    if (typeof l !== 'string') return l.request;
    if (l.trim() === '') throw new Error('a blank text line in roff source (use .PP)');
    return /^[.']/.test(l) ? `\\&${l}` : l;
  });
  return `${out.join('\n')}\n`;
}

/** A request line: `.TH`, `.SH NAME` ... Arguments with blanks are quoted. */
export function request(name: string, ...args: string[]): { request: string } {
  const quoted = args.map((a) =>
    /[\s"]/.test(a) || a === '' ? `"${a.replace(/"/g, '\\(dq')}"` : a,
  );
  return { request: [`.${name}`, ...quoted].join(' ') };
}
