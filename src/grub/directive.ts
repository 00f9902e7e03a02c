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

const DIRECTIVE = /^([ \t]*)([^ \t=#][^ \t=]*)([ \t]*=[ \t]*|[ \t]+|)(.*)$/s;

export function isBlankOrComment(text: string): boolean {
  const t = text.replace(/^[ \t]+/, '');
  return t === '' || t.startsWith('#');
}

export function parseDirective(text: string): Directive | undefined {
  if (isBlankOrComment(text)) return undefined;
  const m = DIRECTIVE.exec(text);
  if (!m) return undefined;
  return { indent: m[1] ?? '', keyword: m[2] ?? '', separator: m[3] ?? '', value: m[4] ?? '' };
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
