/**
 * Byte equality that stays fast on megabytes (jest's toEqual walks a Buffer
 * element by element) and, on failure, shows where the bytes first differ.
 */
export function expectSameBytes(actual: Buffer | string, expected: Buffer | string): void {
  const a = typeof actual === 'string' ? Buffer.from(actual, 'latin1') : actual;
  const e = typeof expected === 'string' ? Buffer.from(expected, 'latin1') : expected;
  if (a.equals(e)) return;
  let at = 0;
  while (at < a.length && at < e.length && a[at] === e[at]) at++;
  const around = (b: Buffer): string =>
    JSON.stringify(b.subarray(Math.max(0, at - 40), at + 40).toString('latin1'));
  expect({ length: a.length, firstDifferenceAt: at, around: around(a) }).toEqual({
    length: e.length,
    firstDifferenceAt: at,
    around: around(e),
  });
}
