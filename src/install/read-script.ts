import READER_SH from './reader.sh';
import { MAX_INPUT_BYTES } from '../shared/input.js';

/** What the reader found on the guest (see reader.sh). */
export interface ReaderOutput {
  /** The path it used, as asked or found. */
  conf: string;
  /** Where that path's links lead. */
  real: string;
  /** `ls -lnd` of the real file. */
  ls: string;
  /** Per suffix asked for, in order: the bytes, or why not. */
  files: (Buffer | 'missing' | 'symlink' | 'special' | 'unreadable' | 'toolarge')[];
  backups: string[];
}

export type ReaderFailure =
  { kind: 'none' } | { kind: 'unresolved'; path: string } | { kind: 'garbled'; detail: string };

/** A shell word in single quotes. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The reader with its parameters, as one { ... } group for `sh -s` (a script cut short runs nothing). */
export function buildReaderScript(conf: string | undefined, suffixes: readonly string[]): string {
  const text = READER_SH.split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .trimEnd();
  const lines = [
    '{',
    `FCDR_CONF=${sq(conf ?? '')}`,
    `FCDR_N=${suffixes.length}`,
    `FCDR_MAX=${MAX_INPUT_BYTES}`,
    ...suffixes.map((s, i) => `FCDR_SUFFIX_${i + 1}=${sq(s)}`),
    text,
    'fcdr_main',
    '}',
    '',
  ];
  return lines.join('\n');
}

const STATES = new Set(['missing', 'symlink', 'special', 'unreadable', 'toolarge']);

/**
 * Reads the reader's output: status lines, and each file's bytes framed by
 * its size. Anything before "FCDR start" (a login banner) is skipped; a
 * frame that does not close where its size says (the file changed while it
 * was read) or a missing "done" is `garbled`.
 */
export function parseReaderOutput(
  out: Buffer,
  count: number,
): { ok: true; value: ReaderOutput } | { ok: false; failure: ReaderFailure } {
  const garbled = (detail: string) => ({
    ok: false as const,
    failure: { kind: 'garbled' as const, detail },
  });
  const start = out.indexOf('FCDR start 1\n');
  if (start < 0) return garbled('no start line');
  let at = start;
  const line = (): string | undefined => {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) return undefined;
    const text = out.toString('latin1', at, nl);
    at = nl + 1;
    return text;
  };
  const v: Partial<ReaderOutput> & { files: ReaderOutput['files']; backups: string[] } = {
    files: [],
    backups: [],
  };
  for (let l = line(); l !== undefined; l = line()) {
    const m = /^FCDR (\S+)(?: (.*))?$/.exec(l);
    if (!m) return garbled(`unexpected output: ${l.slice(0, 80)}`);
    const [word, rest = ''] = [m[1] as string, m[2]];
    if (word === 'none') return { ok: false, failure: { kind: 'none' } };
    if (word === 'unresolved') return { ok: false, failure: { kind: 'unresolved', path: rest } };
    if (word === 'conf') v.conf = rest;
    else if (word === 'real') v.real = rest;
    else if (word === 'ls') v.ls = rest;
    else if (word === 'backup') v.backups.push(rest);
    else if (word === 'file') {
      const f = /^(\d+) (?:size (\d+)|(\S+))$/.exec(rest);
      const index = Number(f?.[1]) - 1;
      if (!f || index !== v.files.length) return garbled(`file line out of order: ${rest}`);
      if (f[3] !== undefined) {
        if (!STATES.has(f[3])) return garbled(`unknown file state ${f[3]}`);
        v.files.push(f[3] as ReaderOutput['files'][number]);
        continue;
      }
      const size = Number(f[2]);
      const end = Buffer.from(`\nFCDR end ${index + 1}\n`, 'latin1');
      if (
        at + size + end.length > out.length ||
        !out.subarray(at + size, at + size + end.length).equals(end)
      )
        return garbled(`file ${index + 1} changed while it was read`);
      v.files.push(Buffer.from(out.subarray(at, at + size)));
      at += size + end.length;
    } else if (word === 'done') {
      if (
        v.conf === undefined ||
        v.real === undefined ||
        v.ls === undefined ||
        v.files.length !== count
      )
        return garbled('incomplete');
      return { ok: true, value: v as ReaderOutput };
    } else if (word !== 'start') return garbled(`unknown status ${word}`);
  }
  return garbled('cut short');
}

/** Permission bits, owner and group from an `ls -lnd` line ("-rw------- 1 0 0 1033 ..."). */
export function parseLsLine(ls: string): { mode: number; uid: number; gid: number } | undefined {
  const m =
    /^-([r-])([w-])([xsS-])([r-])([w-])([xsS-])([r-])([w-])([xtT-])\S*\s+\d+\s+(\d+)\s+(\d+)\s/.exec(
      ls,
    );
  if (!m) return undefined;
  let mode = 0;
  for (let i = 1; i <= 9; i++) {
    const c = m[i] as string;
    if (c !== '-' && c !== 'S' && c !== 'T') mode |= 1 << (9 - i);
  }
  return { mode, uid: Number(m[10]), gid: Number(m[11]) };
}
