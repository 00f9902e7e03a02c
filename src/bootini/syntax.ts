/**
 * How one boot.ini line reads outside `[operating systems]`. NTLDR's parser
 * is not documented, so this follows what Windows itself writes and what
 * INI readers accept: `;` starts a comment line, `[name]` starts a section,
 * section names and keys match case-insensitively, and blanks around `=` are
 * not part of the key or the value.
 */

/** Blanks as a boot.ini reader skips them; CR is here because a lone CR is not a line end to splitLines. */
export const TRAILING_BLANKS = /[ \t\r\f\v]*$/;

export function isBlankOrComment(text: string): boolean {
  const t = text.replace(/^[ \t\r\f\v]+/, '');
  return t === '' || t.startsWith(';');
}

const HEADER = /^[ \t]*\[([^\]]*)\]/;

/** The section name in its matching form (trimmed, lower case), or undefined if not a header. */
export function sectionKey(text: string): string | undefined {
  const m = HEADER.exec(text);
  return m ? (m[1] ?? '').trim().toLowerCase() : undefined;
}

export interface KeyValue {
  /** Lower case, trimmed. */
  key: string;
  /** Trimmed, as written otherwise. */
  value: string;
}

export function parseKeyValue(text: string): KeyValue | undefined {
  const eq = text.indexOf('=');
  if (eq === -1) return undefined;
  return { key: text.slice(0, eq).trim().toLowerCase(), value: text.slice(eq + 1).trim() };
}
