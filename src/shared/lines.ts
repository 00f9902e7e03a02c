/**
 * Physical lines of a config file, kept so that joining them gives back the
 * input exactly. Files are handled as latin1 strings: one char per byte, so
 * non-UTF-8 bytes survive untouched (see `bytes.ts`).
 */
export type Eol = '' | '\n' | '\r\n';

export interface Line {
  /** The line without its end-of-line bytes. */
  text: string;
  /** '' only for a last line that has no newline. */
  eol: Eol;
}

export function splitLines(content: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < content.length) {
    const nl = content.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ text: content.slice(start), eol: '' });
      break;
    }
    if (nl > start && content.charCodeAt(nl - 1) === 13) {
      lines.push({ text: content.slice(start, nl - 1), eol: '\r\n' });
    } else {
      lines.push({ text: content.slice(start, nl), eol: '\n' });
    }
    start = nl + 1;
  }
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  // join, not +=: one flat string instead of a rope with a node per line.
  const parts = new Array<string>(lines.length * 2);
  let i = 0;
  for (const line of lines) {
    parts[i++] = line.text;
    parts[i++] = line.eol;
  }
  return parts.join('');
}
