/**
 * One grub.conf line read as GRUB legacy reads it: optional indentation, a
 * command word, then its value, with either `=` or blanks between them
 * (`default=0`, `timeout 5`). Only spaces and tabs are blanks to GRUB.
 */
export interface Directive {
  indent: string;
  keyword: string;
  /** What stood between the keyword and the value: '=', ' ', ' = ', '\t' ... */
  separator: string;
  value: string;
}

/** The whole line in its parts; the same scan as keywordOf, for the lines that need them all. */
export function parseDirective(text: string): Directive | undefined {
  const keyword = keywordOf(text);
  if (!keyword) return undefined;
  const at = text.indexOf(keyword);
  const end = at + keyword.length;
  const value = valueStart(text, keyword);
  return {
    indent: text.slice(0, at),
    keyword,
    separator: text.slice(end, value),
    value: text.slice(value),
  };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Where the value of a line whose command word is `keyword` starts: past blanks, one optional `=`, blanks. */
export function valueStart(text: string, keyword: string): number {
  let i = text.indexOf(keyword) + keyword.length;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 61 /* = */) {
    i++;
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Just the command word of a line, or undefined for a blank or comment line:
 * what the parser needs for nearly every line, found without a regex match
 * (a large grub.conf has tens of thousands of lines).
 */
export function keywordOf(text: string): string | undefined {
  let i = 0;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (i >= text.length || text.charCodeAt(i) === 35 /* # */ || text.charCodeAt(i) === 61)
    return undefined;
  const start = i;
  while (i < text.length && !isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== 61) i++;
  return text.slice(start, i);
}
