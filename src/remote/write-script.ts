import { createHash } from 'node:crypto';
import WRITER_SH from './writer.sh';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';

/** One file the writer puts in place. */
export interface RemoteFile {
  /** Its name in the directory. */
  name: string;
  /** Its bytes. With `copyOf`, what that file must hold (its backup's content). */
  bytes: Buffer;
  /** Copy this file of the same directory on the guest instead of sending the bytes (install's backup). */
  copyOf?: string;
  /** May replace a regular file of that name (default: the request's `force`). */
  replace?: boolean;
}

export interface WriteRequest {
  /** The directory on the guest, absolute: grub.conf's. */
  dir: string;
  /** Put in place in this order, all or none. */
  files: RemoteFile[];
  /** Permission bits, owner and group for every file: grub.conf's. */
  mode: number;
  uid: number;
  gid: number;
  /** Replace files already there. */
  force: boolean;
  /** Files that must hold these bytes (null: must not exist), else nothing is written: what the new files were made from. */
  expect?: { name: string; bytes: Buffer | null }[];
  /** Run sync(1) after the files are in place (install). */
  sync?: boolean;
  /** The lock's name in the directory (default ".<first file>.lock", as a local run names it). */
  lockName?: string;
  /** Who is writing, recorded in the lock for anyone who finds it held. */
  who?: string;
}

/** The writer's own text, bundled as text by the build (and by Jest's text transform). */
function writerText(): string {
  const text = WRITER_SH;
  // Its comments are for people reading the file, not bytes to send (it has no here-documents).
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
}

const PLAIN_NAME = /^[A-Za-z0-9._+@:-]+$/;
const PLAIN_DIR = /^\/(?:[A-Za-z0-9._+@:-]+\/?)*$/;

function checkName(name: string, what: string): string {
  if (!PLAIN_NAME.test(name) || name === '.' || name === '..')
    throw new ToolError(
      `cannot write ${what} "${printable(name)}" on a guest: the writer takes only plain file names`,
    );
  return name;
}

function checkDir(dir: string): string {
  const clean = dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
  if (!PLAIN_DIR.test(clean) || /(^|\/)\.\.?(\/|$)/.test(clean))
    throw new ToolError(
      `cannot write into "${printable(dir)}" on a guest: the writer takes only a plain absolute directory`,
    );
  return clean;
}

/** A shell word in single quotes. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Bytes as printf format strings, one `printf '...'` per line of at most
 * about `width` characters: printable ASCII as itself, everything else (and
 * `'`, `%`, `\`) as a three-digit octal escape. An octal digit right after an
 * escape is escaped too, and so is a `-` opening a line, so that no printf
 * (bash 2.05b's, dash's, busybox's, coreutils') can read it differently.
 * The result is 7-bit text: it survives a pty, copy-paste and Ansible.
 */
export function printfLines(bytes: Buffer, width = 960): string[] {
  const lines: string[] = [];
  let line = '';
  let afterEscape = false;
  for (const byte of bytes) {
    const plain: boolean =
      byte >= 0x20 &&
      byte <= 0x7e &&
      byte !== 0x27 &&
      byte !== 0x25 &&
      byte !== 0x5c &&
      !(afterEscape && byte >= 0x30 && byte <= 0x37) &&
      !(line === '' && byte === 0x2d);
    line += plain ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
    afterEscape = !plain;
    if (line.length >= width) {
      lines.push(`printf '${line}'`);
      line = '';
      afterEscape = false;
    }
  }
  if (line) lines.push(`printf '${line}'`);
  return lines;
}

/**
 * The whole writer as one sh text: parameters, each file's data (printf
 * lines) or copy, then writer.sh, in one { ... } group that any POSIX sh
 * runs (`sh -s` with it on stdin, `sh -c` with it as the argument, an
 * Ansible `raw` task). Nothing is installed on the guest.
 */
export function buildWriterScript(req: WriteRequest): string {
  const dir = checkDir(req.dir);
  if (!req.files.length) throw new Error('buildWriterScript: no files');
  const names = req.files.map((f) => checkName(f.name, 'file'));
  if (new Set(names).size !== names.length)
    throw new Error('buildWriterScript: a name given twice');
  const lock = checkName(req.lockName ?? `.${names[0]}.lock`, 'lock');
  const who = (req.who ?? 'fix-clock-drift').replace(/[^\x20-\x7e]|'/g, '?').slice(0, 200);
  const mode = (req.mode & 0o7777).toString(8);
  const owner = `${req.uid}:${req.gid}`;
  const out = [
    '{',
    `FCDW_DIR=${sq(dir)}`,
    `FCDW_LOCK=${sq(lock)}`,
    `FCDW_WHO=${sq(who)}`,
    `FCDW_SYNC=${req.sync ? 1 : 0}`,
    `FCDW_N=${req.files.length}`,
  ];
  req.files.forEach((f, k) => {
    const i = k + 1;
    const replace = (f.replace ?? req.force) ? 1 : 0;
    out.push(
      `FCDW_NAME_${i}=${sq(f.name)} FCDW_SIZE_${i}=${f.bytes.length} FCDW_MD5_${i}=${md5(f.bytes)}`,
      `FCDW_MODE_${i}=${mode} FCDW_OWNER_${i}=${owner} FCDW_REPLACE_${i}=${replace}`,
      `fcdw_data_${i}() {`,
      ...(f.copyOf ? [`cat "$FCDW_DIR"/${sq(checkName(f.copyOf, 'file'))}`] : printfLines(f.bytes)),
      // An empty function body is a syntax error.
      ':',
      '}',
    );
  });
  const expect = req.expect ?? [];
  out.push(`FCDW_EXPECT_N=${expect.length}`);
  expect.forEach((e, k) => {
    const sum = e.bytes === null ? 'absent' : md5(e.bytes);
    out.push(
      `FCDW_EXPECT_NAME_${k + 1}=${sq(checkName(e.name, 'file'))} FCDW_EXPECT_MD5_${k + 1}=${sum}`,
    );
  });
  out.push(writerText().trimEnd(), 'fcdw_main', '}', '');
  return out.join('\n');
}
