/**
 * Reads a facts bundle, the collector's output (format: README.md beside
 * this file). The text is untrusted: anything cut, damaged, oversized or not
 * in the format is refused with one line saying what and where; noise lines
 * before the begin line and after the end line (ssh banners, a shell prompt)
 * are ignored, and so are CRs, blank lines and spaces at line ends (a pty,
 * copy-paste).
 */
import { ToolError } from '../../shared/errors.js';
import { printable } from '../../shared/text.js';
import { ADLER_START, adlerHex, adlerUpdate } from './adler32.js';
import {
  BEGIN_LINE,
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  END_LINE,
  type Bundle,
  type BundleRecord,
} from './bundle-format.js';
import { buildRecord, recordLimit, type FramedRecord } from './bundle-records.js';
import { parseAttrs } from './bundle-values.js';

export * from './bundle-format.js';

const HEADER = /^@(\d{1,9}) ([a-z][a-z0-9-]*)((?: \S+)*)$/;
const CLOSE = /^\.(\d{1,9}) size=(\d{1,10}) adler=([0-9a-f]{8})$/;
/** od gives 16 bytes a line; a longer line was joined by something on the way. */
const DATA = /^(?:[0-9a-fA-F]{2}){1,32}$/;
const AGAIN = 'collect it again';

interface Line {
  no: number;
  text: string;
}

/** Lines of the text one at a time, numbered from 1, CRs and outer blanks trimmed. */
function lineReader(text: string): { next(): Line | undefined; restIsBlank(): boolean } {
  let no = 0;
  let start = 0;
  return {
    next() {
      if (start >= text.length) return undefined;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = { no: ++no, text: text.slice(start, end).trim() };
      start = end + 1;
      return line;
    },
    /** Nothing but blanks after the line last read: a bad line there is a cut one. */
    restIsBlank: () => text.slice(start).trim() === '',
  };
}

interface OpenRecord {
  n: number;
  kind: string;
  attrText: string;
  line: number;
  /** The record's text lines as the checksum covers them. */
  meta: string;
  p: string[];
  t: string[];
  hex: string[];
  hexChars: number;
  limit: number;
}

/** How messages name a record: its number and, once known, its path or command. */
function label(r: OpenRecord): string {
  const p = r.p.join('');
  if (p !== '') return `record ${r.n} (${printable(p.startsWith('x:') ? 'hex path' : p, 60)})`;
  const name = / name=(\S+)/.exec(r.attrText)?.[1];
  return name ? `record ${r.n} (${printable(name, 20)})` : `record ${r.n}`;
}

/** Parses and checks a bundle; `name` (a file name, or "stdin") is what messages call it. */
export function parseBundle(text: string, name: string): Bundle {
  const fail = (msg: string): ToolError => new ToolError(`bundle ${name}: ${msg}`);
  if (text.length > BUNDLE_LIMITS.text)
    throw fail(
      `${text.length} characters is more than a facts bundle can be (${BUNDLE_LIMITS.text}); give the collector's output`,
    );
  const reader = lineReader(text);
  const next = reader.next;
  let line = next();
  while (line && line.text !== BEGIN_LINE) line = next();
  if (!line)
    throw fail(
      `no facts bundle in it (no "${BEGIN_LINE}" line): give the output of \`fix-clock-drift collector\` run on the guest`,
    );

  /** A malformed last line is a cut one: say so rather than what is wrong with it. */
  const cutOr = (msg: string): ToolError =>
    reader.restIsBlank()
      ? fail(
          `truncated after record ${last} (its last line is cut: "${printable(line?.text ?? '', 40)}"): ${AGAIN}`,
        )
      : fail(msg);
  const records: BundleRecord[] = [];
  let header: { format: number; collector: string } | undefined;
  let last = 0;
  let total = 0;
  let open: OpenRecord | undefined;

  const close = (r: OpenRecord, line: Line): void => {
    const m = CLOSE.exec(line.text);
    if (!m || Number(m[1]) !== r.n)
      throw cutOr(
        `line ${line.no}: ${label(r)} ends with "${printable(line.text, 40)}", not ".${r.n} size=... adler=...": ${AGAIN}`,
      );
    const data = Buffer.from(r.hex.join(''), 'hex');
    if (data.length !== Number(m[2]))
      throw fail(
        `${label(r)} holds ${data.length} bytes where its end line says ${m[2]}: lines were lost or damaged on the way; ${AGAIN}`,
      );
    const sum = adlerHex(
      adlerUpdate(adlerUpdate(ADLER_START, Buffer.from(r.meta, 'latin1')), data),
    );
    if (sum !== m[3])
      throw fail(
        `${label(r)} fails its checksum (adler ${sum}, the end line says ${m[3]}): it was altered on the way; ${AGAIN}`,
      );
    total += data.length;
    if (total > BUNDLE_LIMITS.total)
      throw fail(
        `its records hold more than ${BUNDLE_LIMITS.total} bytes, more than a collector sends`,
      );
    const framed: FramedRecord = { n: r.n, kind: r.kind, attrText: r.attrText, data };
    if (r.p.length > 0) framed.p = r.p.join('');
    if (r.t.length > 0) framed.t = r.t.join('');
    if (r.n === 1) {
      header = bundleHeader(framed, fail);
    } else {
      const built = buildRecord(framed);
      if (!built.ok) throw fail(`${label(r)} is refused: ${built.why}`);
      records.push(built.value);
    }
    last = r.n;
  };

  for (line = next(); line; line = next()) {
    const t = line.text;
    if (t === '') continue;
    if (open === undefined) {
      const end = END_LINE.exec(t);
      if (end) {
        if (Number(end[1]) !== last)
          throw fail(
            `line ${line.no}: it holds ${last} records where its end line says ${end[1]}: records were lost on the way; ${AGAIN}`,
          );
        if (!header) throw fail('it has no records, not even its header: ' + AGAIN);
        return { name, format: header.format, collector: header.collector, records };
      }
      const h = HEADER.exec(t);
      if (!h)
        throw cutOr(
          `line ${line.no}: "${printable(t, 40)}" where record ${last + 1} or the end line should start: ${AGAIN}`,
        );
      const n = Number(h[1]);
      if (n !== last + 1)
        throw fail(
          `line ${line.no}: record ${n} follows record ${last}: records were lost or reordered; ${AGAIN}`,
        );
      if (n > BUNDLE_LIMITS.records)
        throw fail(`more than ${BUNDLE_LIMITS.records} records, more than a collector writes`);
      const kind = h[2] as string;
      const attrText = (h[3] as string).trimStart();
      open = {
        n,
        kind,
        attrText,
        line: line.no,
        meta: `${t}\n`,
        p: [],
        t: [],
        hex: [],
        hexChars: 0,
        limit: recordLimit(kind, attrText),
      };
      continue;
    }
    const r: OpenRecord = open;
    if (t.startsWith('.')) {
      close(r, line);
      open = undefined;
    } else if ((t.startsWith('p ') || t.startsWith('t ')) && r.hex.length === 0) {
      (t[0] === 'p' ? r.p : r.t).push(t.slice(2));
      r.meta += `${t}\n`;
      if (r.meta.length > 4 * BUNDLE_LIMITS.path)
        throw fail(`${label(r)}: its path or target is longer than ${BUNDLE_LIMITS.path} bytes`);
    } else if (DATA.test(t)) {
      r.hex.push(t);
      r.hexChars += t.length;
      if (r.hexChars > 2 * r.limit)
        throw fail(
          `${label(r)} holds more than ${r.limit} bytes, more than the collector sends for it`,
        );
    } else if (END_LINE.test(t) || HEADER.test(t)) {
      throw fail(
        `line ${line.no}: ${label(r)} (from line ${r.line}) has no end line: it was cut; ${AGAIN}`,
      );
    } else {
      throw cutOr(
        `line ${line.no}: "${printable(t, 40)}" inside ${label(r)} is not part of a bundle: ${AGAIN}`,
      );
    }
  }
  if (open)
    throw fail(`truncated after record ${last}, in record ${open.n} (no end marker): ${AGAIN}`);
  throw fail(
    last === 0
      ? `truncated before its first record (no end marker): ${AGAIN}`
      : `truncated after record ${last} (no end marker): ${AGAIN}`,
  );
}

/** Record 1: the format this bundle is in and the collector that wrote it. */
function bundleHeader(
  f: FramedRecord,
  fail: (msg: string) => ToolError,
): { format: number; collector: string } {
  const attrs = f.kind === 'bundle' ? parseAttrs(f.attrText) : undefined;
  const format = attrs?.get('format');
  const collector = attrs?.get('collector');
  if (!attrs || format === undefined || collector === undefined || !/^\d{1,4}$/.test(format))
    throw fail('record 1 is not a bundle header ("@1 bundle format=N collector=V"): ' + AGAIN);
  if (Number(format) !== BUNDLE_FORMAT)
    throw fail(
      `it is in format ${format} (collector ${printable(collector, 20)}); this fix-clock-drift reads format ${BUNDLE_FORMAT}: collect it with the collector this version prints (\`fix-clock-drift collector\`)`,
    );
  return { format: Number(format), collector };
}
