/**
 * Text read from a guest or a host, shown on one line of a report: line
 * breaks become spaces, control characters (C0, DEL, C1) and undecodable
 * bytes (U+FFFD) become '?', long text is cut. Text held as latin1 goes
 * through shared/bytes.ts's displayText first.
 */
export function printable(text: string, max = 160): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const clean = oneLine.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]/g, '?').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** The first line with something on it. */
export function firstLine(text: string): string | undefined {
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.trim() !== '') return line.trim();
  }
  return undefined;
}

/** Paths joined by commas: sources quote them as they are, so they can be pasted into a shell. */
export function listOf(items: readonly string[]): string {
  return items.join(', ');
}
