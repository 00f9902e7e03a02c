import type { WriteContext } from '../remote/write-status.js';

/** `NAME='value'` as buildWriterScript writes its parameters (sq() quoting; plain names never hold a quote). */
function params(script: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of script.split('\n')) {
    if (!line.startsWith('FCDW_')) continue;
    for (const m of line.matchAll(/(FCDW_[A-Z_0-9]+)=(?:'([^']*)'|(\S*))/g))
      found.set(m[1] as string, m[2] ?? m[3] ?? '');
  }
  return found;
}

/**
 * What a writer emitted by --emit-writer was asked to do, read back from its
 * parameter lines (write-script.ts writes them before writer.sh's text): the
 * directory, the files it puts there, those it expects unchanged, its lock.
 * That is what the writer's status lines refer to by number, so the one-line
 * errors of write-status.ts can name the files. Undefined when the text is
 * not such a writer.
 */
export function writerContext(script: string, guest: string): WriteContext | undefined {
  const p = params(script);
  const dir = p.get('FCDW_DIR');
  const n = Number(p.get('FCDW_N'));
  if (dir === undefined || !Number.isInteger(n) || n < 1) return undefined;
  const names: string[] = [];
  for (let i = 1; i <= n; i++) {
    const name = p.get(`FCDW_NAME_${i}`);
    if (name === undefined) return undefined;
    names.push(name);
  }
  const expectNames: string[] = [];
  const expected = Number(p.get('FCDW_EXPECT_N') ?? '0');
  for (let j = 1; j <= expected; j++) expectNames.push(p.get(`FCDW_EXPECT_NAME_${j}`) ?? '?');
  return { guest, dir, names, expectNames, lock: p.get('FCDW_LOCK') ?? `.${names[0]}.lock` };
}
