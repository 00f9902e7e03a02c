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
  /** An odd number of `"`: the kernel reads the rest of the line as one argument. */
  unbalancedQuote: boolean;
}

export function parseCommandLine(text: string): CommandLine | undefined {
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
  if (!imageToken) return { prefix, image: '', args: [], trail, unbalancedQuote };
  prefix += imageToken.lead + imageToken.text;
  return { prefix, image: imageToken.text, args: tokens.slice(k + 1), trail, unbalancedQuote };
}

export function formatCommandLine(cl: CommandLine): string {
  // join, not +=: a flat string, not a rope of small pieces kept for the whole run.
  const parts = [cl.prefix];
  for (const t of cl.args) parts.push(t.lead, t.text);
  parts.push(cl.trail);
  return parts.join('');
}

/**
 * The image a `kernel` or `module` line loads (after any `--options`), or
 * undefined: what the parser needs from every entry, without splitting the
 * whole line into arguments.
 */
export function commandImage(text: string): string | undefined {
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
