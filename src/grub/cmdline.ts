import { isBlankAt, tokenize, type Token } from '../shared/cmdline.js';
import { keywordOf, parseDirective, valueStart } from './directive.js';

/**
 * A `kernel` or `module` line split so that it joins back byte for byte:
 * `prefix` runs through the image path, each argument keeps the blanks
 * before it, and `trail` is whatever blanks ended the line.
 */
export interface CommandLine {
  prefix: string;
  image: string;
  args: Token[];
  trail: string;
  /**
   * Carriage returns that end the line text: a line ending, not part of the
   * last argument (a lone CR at the end of the file, or CR CR LF). GRUB skips
   * every CR; new arguments go before them, so a later run still finds them.
   */
  end: string;
  /** An odd number of `"`: the kernel reads the rest of the line as one argument. */
  unbalancedQuote: boolean;
}

/** The CRs a line text ends with. */
function crTail(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(text.length - 1 - n) === 13) n++;
  return n;
}

export function parseCommandLine(line: string): CommandLine | undefined {
  const crs = crTail(line);
  const text = crs ? line.slice(0, -crs) : line;
  const end = crs ? line.slice(-crs) : '';
  const d = parseDirective(text);
  if (!d) return undefined;
  const { tokens, trail, unbalancedQuote } = tokenize(d.value);
  let prefix = d.indent + d.keyword + d.separator;
  let k = 0;
  // GRUB legacy takes `--type=...`, `--no-mem-option` before the image.
  while (k < tokens.length && (tokens[k] as Token).text.startsWith('--')) {
    prefix += (tokens[k] as Token).lead + (tokens[k] as Token).text;
    k++;
  }
  const imageToken = tokens[k];
  if (!imageToken) return { prefix, image: '', args: [], trail, end, unbalancedQuote };
  prefix += imageToken.lead + imageToken.text;
  const args = tokens.slice(k + 1);
  return { prefix, image: imageToken.text, args, trail, end, unbalancedQuote };
}

/**
 * Bytes of the command line GRUB hands the kernel: everything after the
 * image path and the blanks after it, to the end of the line (CRs, which
 * GRUB skips, not counted). What the kernel's COMMAND_LINE_SIZE limits.
 */
export function argsLength(cl: CommandLine): number {
  if (cl.args.length === 0) return 0;
  let n = cl.trail.length;
  cl.args.forEach((t, i) => (n += (i === 0 ? 0 : t.lead.length) + t.text.length));
  return n;
}

export function formatCommandLine(cl: CommandLine): string {
  // join, not +=: a flat string, not a rope of small pieces kept for the whole run.
  const parts = [cl.prefix];
  for (const t of cl.args) parts.push(t.lead, t.text);
  parts.push(cl.trail, cl.end);
  return parts.join('');
}

/**
 * The image a `kernel` or `module` line loads (after any `--options`), or
 * undefined: what the parser needs from every entry, without splitting the
 * whole line into arguments.
 */
export function commandImage(line: string): string | undefined {
  const crs = crTail(line);
  const text = crs ? line.slice(0, -crs) : line;
  const keyword = keywordOf(text);
  if (!keyword) return undefined;
  let i = valueStart(text, keyword);
  for (;;) {
    while (i < text.length && isBlankAt(text, i)) i++;
    if (i >= text.length) return undefined;
    const start = i;
    let inQuote = false;
    while (i < text.length && (inQuote || !isBlankAt(text, i))) {
      if (text.charCodeAt(i) === 34) inQuote = !inQuote;
      i++;
    }
    const word = text.slice(start, i);
    if (!word.startsWith('--')) return word;
  }
}
