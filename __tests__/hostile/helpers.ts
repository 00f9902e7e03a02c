import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, outputsIn, tempDir, type CliResult } from '../helpers/cli.js';

/** Facts given on the command line, so no run looks at this machine: the params are `notsc lpj=2394000`. */
export const FACTS = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];
export const PARAMS = ' notsc lpj=2394000';

/** A small, valid config: two Linux entries. */
export const TWO_ENTRIES =
  'default=0\ntimeout=5\n' +
  'title A (2.6.18-164.el5)\n\troot (hd0,0)\n\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/sda1\n\tinitrd /initrd-2.6.18-164.el5.img\n' +
  'title B (2.6.18-128.el5)\n\troot (hd0,0)\n\tkernel /vmlinuz-2.6.18-128.el5 ro root=/dev/sda1\n\tinitrd /initrd-2.6.18-128.el5.img\n';

const scratchDirs: string[] = [];

/** A temp dir removed by `removeScratch` (some of these tests write tens of MB). */
export function scratch(prefix?: string): string {
  const dir = tempDir(prefix);
  scratchDirs.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function write(file: string, content: string | Buffer, mode = 0o600): string {
  writeFileSync(file, content, { mode });
  return file;
}

/**
 * What is on disk under `root`: every entry by relative path, with its type,
 * mode, and for files size, content hash and mtime (so a rewrite with the
 * same bytes still shows). Directories are compared by mode only: creating
 * and removing a lock legitimately touches a directory's mtime.
 */
export type Snapshot = Record<string, string>;

const HASH_LIMIT = 256 * 1024 * 1024;

export function snapshot(root: string): Snapshot {
  const out: Snapshot = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const abs = path.join(root, r);
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[r] = `link -> ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${mode}`;
        walk(r);
      } else if (st.isFile()) {
        // Huge (sparse) files are not read: their size and mtime tell a change.
        const hash =
          st.size > HASH_LIMIT
            ? 'unhashed'
            : createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 16);
        out[r] = `file ${mode} ${st.size} ${hash} mtime=${st.mtimeMs}`;
      } else out[r] = `other ${mode}`;
    }
  };
  walk('');
  return out;
}

export interface Changes {
  added: string[];
  removed: string[];
  changed: string[];
}

export function changes(before: Snapshot, after: Snapshot): Changes {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const c: Changes = { added: [], removed: [], changed: [] };
  for (const k of keys) {
    if (!(k in before)) c.added.push(k);
    else if (!(k in after)) c.removed.push(k);
    else if (before[k] !== after[k]) c.changed.push(k);
  }
  return c;
}

/** Nothing on disk changed: no file added, removed or touched (grub.conf's bytes and mtime included). */
export function expectUntouched(before: Snapshot, after: Snapshot): void {
  expect(changes(before, after)).toEqual({ added: [], removed: [], changed: [] });
}

/** Only the given files appeared; everything that was there is as it was. */
export function expectOnlyAdded(before: Snapshot, after: Snapshot, added: string[]): void {
  expect(changes(before, after)).toEqual({ added: [...added].sort(), removed: [], changed: [] });
}

/** Temp files and locks a run may leave in a directory (on top of what outputsIn reports). */
export function leftovers(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.tmp$|\.lock$/.test(f))
    .sort();
}

/** No temp file, no lock, and no output in `dir`. */
export function expectNothingLeft(dir: string): void {
  expect({ outputs: outputsIn(dir), leftovers: leftovers(dir) }).toEqual({
    outputs: [],
    leftovers: [],
  });
}

/** Words a message uses to tell the user what to do next. */
const REMEDY =
  /\b(give|use|choose|run|remove|move|wait|free|make|restore|check|point|pass|try|delete|mount|rename)\b/i;

export interface FailureSpec {
  code: 1 | 2;
  /** Paths or flags the message must name. */
  names: string[];
  /** What went wrong, in the message's words. */
  says: RegExp;
  /** What to do; by default, any sentence with a remedy verb after paths are blanked out. */
  todo?: RegExp;
}

/**
 * The documented failure shape: the exit code, exactly one line on stderr
 * starting with the tool's name, no stack trace, naming the file or flag,
 * saying what went wrong and what to do.
 */
export function expectFailure(r: CliResult, spec: FailureSpec): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: spec.code, stderr: r.stderr });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(/^fix-clock-drift: [^\n]+\n$/);
  for (const name of spec.names) expect(r.stderr).toContain(name);
  expect(r.stderr).toMatch(spec.says);
  let message = r.stderr.replace(/^fix-clock-drift: /, '').trim();
  for (const name of spec.names) message = message.split(name).join('<path>');
  const todo = spec.todo ?? REMEDY;
  // Shown with the message, so a failure reads as "this message says no next step".
  expect({ message: r.stderr.trim(), saysWhatToDo: todo.test(message) }).toEqual({
    message: r.stderr.trim(),
    saysWhatToDo: true,
  });
}

/** A run that did its work: exit 0 and nothing on stderr. */
export function expectSuccess(r: CliResult): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
}

function toCliResult(r: SpawnSyncReturns<Buffer>): CliResult & { signal: NodeJS.Signals | null } {
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: r.stdout,
  };
}

/** The built CLI run as another user (runuser needs root). */
export function runCliAs(user: string, args: string[]): CliResult {
  const r = spawnSync('runuser', ['-u', user, '--', process.execPath, CLI, ...args], {
    cwd: '/',
    env: { ...process.env, NO_COLOR: '1' },
    input: '',
  });
  if (r.error) throw new Error(`runuser failed to start: ${r.error.message}`);
  return toCliResult(r);
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A grub.conf of `n` small Linux entries. */
export function manyEntries(n: number): string {
  const parts = ['default=0'];
  for (let i = 0; i < n; i++) parts.push(`title E${i}\n\tkernel /vmlinuz-2.6.18-164.el5 ro q`);
  return `${parts.join('\n')}\n`;
}

/** One kernel line of about `bytes` bytes of arguments. */
export function longArgs(bytes: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < bytes; i++) {
    const a = `opt${i}=v`;
    parts.push(a);
    len += a.length + 1;
  }
  return parts.join(' ');
}
