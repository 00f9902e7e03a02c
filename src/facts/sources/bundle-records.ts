import {
  BUNDLE_LIMITS,
  FILE_PARTS,
  FILE_ROLES,
  PATH_KINDS,
  type BundleRecord,
  type FilePart,
  type FileRole,
  type FileRecord,
  type PathKind,
} from './bundle-format.js';
import {
  decodeValue,
  guestPathProblem,
  intAttr,
  linkTargetProblem,
  parseAttrs,
} from './bundle-values.js';

/** A record as framed in the text, checksum verified, before its fields are read. */
export interface FramedRecord {
  n: number;
  kind: string;
  /** The attributes after the kind, as written. */
  attrText: string;
  /** The joined "p" and "t" lines, undefined when there were none. */
  p?: string;
  t?: string;
  data: Buffer;
}

/** The bytes a record may hold, known from its header line. */
export function recordLimit(kind: string, attrText: string): number {
  return kind === 'file' && / role=grub-(?:conf|kvm|kvm-diff)(?: |$)/.test(attrText)
    ? BUNDLE_LIMITS.grubConf
    : BUNDLE_LIMITS.file;
}

type Built<T> = { ok: true; value: T } | { ok: false; why: string };

function field(raw: string | undefined, what: string): Built<string> {
  if (raw === undefined) return { ok: false, why: `it has no ${what}` };
  const d = decodeValue(raw);
  return d.ok ? { ok: true, value: d.value } : { ok: false, why: `its ${what}: ${d.why}` };
}

function guestPath(f: FramedRecord, rootOk: boolean): Built<string> {
  const p = field(f.p, 'path ("p" line)');
  if (!p.ok) return p;
  const problem = guestPathProblem(p.value, rootOk);
  return problem ? { ok: false, why: `its path is refused: ${problem}` } : p;
}

const MAX_MODE = 0o7777;
const MAX_ID = 2 ** 32 - 1;
/** Ages beyond this many steps are not a log directory. */
const MAX_AGE = 100000;

function fileRecord(f: FramedRecord, path: string): Built<FileRecord> {
  const attrs = parseAttrs(f.attrText);
  if (!attrs) return { ok: false, why: `its attributes are not key=value: "${f.attrText}"` };
  const part = attrs.get('part') as FilePart | undefined;
  if (part === undefined || !FILE_PARTS.includes(part))
    return { ok: false, why: `part=${part ?? '(none)'} is not one of ${FILE_PARTS.join(', ')}` };
  const rec: FileRecord = { n: f.n, kind: 'file', path, data: f.data, part };
  const mode = attrs.get('mode');
  if (mode !== undefined) {
    if (!/^[0-7]{1,5}$/.test(mode) || parseInt(mode, 8) > MAX_MODE)
      return { ok: false, why: `mode=${mode} is not an octal mode` };
    rec.mode = parseInt(mode, 8);
  }
  for (const key of ['uid', 'gid', 'max', 'age'] as const) {
    if (!attrs.has(key)) continue;
    const v = intAttr(attrs, key, key === 'age' ? MAX_AGE : MAX_ID);
    if (v === undefined) return { ok: false, why: `${key}=${attrs.get(key)} is not a number` };
    rec[key] = v;
  }
  const role = attrs.get('role');
  if (role !== undefined) {
    // The collector also sends an earlier grub.conf.kvm and its diff (c_grub), so a rerun finds them.
    if (!(FILE_ROLES as readonly string[]).includes(role))
      return { ok: false, why: `role=${role} is not one of ${FILE_ROLES.join(', ')}` };
    rec.role = role as FileRole;
  }
  return { ok: true, value: rec };
}

/**
 * The typed record a framed one stands for, or why it is refused. Unknown
 * attributes are ignored; an unknown kind needs a newer bundle format.
 */
export function buildRecord(f: FramedRecord): Built<BundleRecord> {
  const noData = (r: BundleRecord): Built<BundleRecord> =>
    f.data.length > 0
      ? { ok: false, why: `a ${f.kind} record carries no data` }
      : { ok: true, value: r };
  if (f.kind === 'cmd') {
    const attrs = parseAttrs(f.attrText);
    const name = attrs?.get('name');
    const status = attrs && intAttr(attrs, 'status', 255);
    const part = attrs?.get('part');
    if (!name || !/^[a-z0-9-]{1,32}$/.test(name) || status === undefined)
      return { ok: false, why: 'a cmd record needs name= and status=' };
    if (part !== 'whole' && part !== 'log')
      return { ok: false, why: `part=${part ?? '(none)'} is not whole or log` };
    return { ok: true, value: { n: f.n, kind: 'cmd', name, status, part, data: f.data } };
  }
  if (f.kind === 'link') {
    const path = guestPath(f, false);
    if (!path.ok) return path;
    const target = field(f.t, 'target ("t" line)');
    if (!target.ok) return target;
    const problem = linkTargetProblem(target.value);
    if (problem) return { ok: false, why: problem };
    return noData({ n: f.n, kind: 'link', path: path.value, target: target.value });
  }
  if (f.kind === 'file') {
    const path = guestPath(f, false);
    return path.ok ? fileRecord(f, path.value) : path;
  }
  if (PATH_KINDS.includes(f.kind as PathKind)) {
    // "/" is a directory, or missing on an empty disk; nothing else can be there.
    const path = guestPath(f, f.kind === 'dir' || f.kind === 'missing');
    if (!path.ok) return path;
    return noData({ n: f.n, kind: f.kind as PathKind, path: path.value });
  }
  return {
    ok: false,
    why: `its kind "${f.kind}" is unknown to this fix-clock-drift (a newer collector's? use the one \`fix-clock-drift collector\` prints)`,
  };
}
