/** Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColor(stream: { isTTY?: boolean }): boolean {
  const noColor = process.env.NO_COLOR;
  return (
    stream.isTTY === true &&
    (noColor === undefined || noColor === '') &&
    process.env.TERM !== 'dumb'
  );
}

const SGR = { red: '31', green: '32', cyan: '36', bold: '1' } as const;

function paint(code: string, s: string): string {
  return `\u001b[${code}m${s}\u001b[0m`;
}

/** ANSI-coloured copy of a unified diff, line by line; the bytes of each line are kept. */
export function colorizeDiff(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++')) return paint(SGR.bold, line);
      if (line.startsWith('@@')) return paint(SGR.cyan, line);
      if (line.startsWith('-')) return paint(SGR.red, line);
      if (line.startsWith('+')) return paint(SGR.green, line);
      return line;
    })
    .join('\n');
}

export function bold(s: string, on: boolean): string {
  return on ? paint(SGR.bold, s) : s;
}

/** Prints a unified diff (latin1 text) and a newline: coloured for a person at a terminal, else as it is. */
export function writePatch(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  patch: string,
): void {
  stream.write(useColor(stream) ? colorizeDiff(patch) : patch, 'latin1');
  stream.write('\n');
}
