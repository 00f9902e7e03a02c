import { FILE_HEADERS_ONLY, formatPatch, type StructuredPatchHunk } from 'diff';
import type { Line } from '../shared/lines.js';

const NO_NEWLINE = '\\ No newline at end of file';

function body(line: Line): string {
  // A CRLF line keeps its CR in the diff, exactly as GNU diff writes it.
  return line.eol === '\r\n' ? `${line.text}\r` : line.text;
}

function push(out: string[], mark: string, line: Line): void {
  out.push(mark + body(line));
  if (line.eol === '') out.push(NO_NEWLINE);
}

/**
 * Unified diff between two versions of a file that differ only in the text of
 * the lines listed in `changed` (same line count, same line endings). Because
 * the edit knows what it changed, the hunks are built straight from that list
 * in time linear in the file's size; jsdiff only formats them. Hunks closer
 * than twice the context are merged, as GNU diff does.
 *
 * Returns '' when nothing changed. The result is latin1 text like the lines.
 */
export function unifiedDiff(
  oldLines: readonly Line[],
  newLines: readonly Line[],
  changed: readonly number[],
  oldName: string,
  newName: string,
  context = 3,
): string {
  const rows = [...new Set(changed)]
    .sort((a, b) => a - b)
    .filter((i) => (oldLines[i] as Line).text !== (newLines[i] as Line).text);
  if (rows.length === 0) return '';
  const isChanged = new Set(rows);
  const last = oldLines.length - 1;
  const hunks: StructuredPatchHunk[] = [];
  let g = 0;
  while (g < rows.length) {
    let h = g;
    while (h + 1 < rows.length && (rows[h + 1] as number) - (rows[h] as number) - 1 <= 2 * context)
      h++;
    const start = Math.max(0, (rows[g] as number) - context);
    const end = Math.min(last, (rows[h] as number) + context);
    const lines: string[] = [];
    for (let i = start; i <= end;) {
      if (!isChanged.has(i)) {
        push(lines, ' ', oldLines[i] as Line);
        i++;
        continue;
      }
      let j = i;
      while (j + 1 <= end && isChanged.has(j + 1)) j++;
      for (let k = i; k <= j; k++) push(lines, '-', oldLines[k] as Line);
      for (let k = i; k <= j; k++) push(lines, '+', newLines[k] as Line);
      i = j + 1;
    }
    const count = end - start + 1;
    hunks.push({
      oldStart: start + 1,
      oldLines: count,
      newStart: start + 1,
      newLines: count,
      lines,
    });
    g = h + 1;
  }
  return formatPatch(
    {
      oldFileName: oldName,
      newFileName: newName,
      oldHeader: undefined,
      newHeader: undefined,
      hunks,
    },
    FILE_HEADERS_ONLY,
  );
}
