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
