import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  openSync,
  promises as fsp,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, fsReason, rootHint } from '../shared/errors.js';

import { own } from './cleanup.js';

export interface WriteOptions {
  /** Permission bits for the new file (those of grub.conf). */
  mode: number;
  /** Owner to give the file when running as root (that of grub.conf). */
  owner?: { uid: number; gid: number };
  /** Replace an existing regular file. */
  force: boolean;
}

/**
 * Refuses what a write must never do: follow a symlink, replace a directory,
 * or (without --force) replace an existing file. Called for every output
 * before any of them is written, so a refusal leaves nothing behind.
 */
export async function checkTarget(file: string, force: boolean): Promise<void> {
  let st;
  try {
    st = await fsp.lstat(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return checkDirectory(path.dirname(file));
    throw new ToolError(
      `cannot write ${file}: ${fsReason(err)} (choose another path with --output/--diff)`,
    );
  }
  if (st.isSymbolicLink()) {
    throw new ToolError(
      `refusing to write ${file}: it is a symbolic link (remove it or choose another path with --output/--diff)`,
    );
  }
  if (st.isDirectory())
    throw new ToolError(
      `refusing to write ${file}: it is a directory (choose a file path with --output/--diff)`,
    );
  if (!st.isFile())
    throw new ToolError(
      `refusing to write ${file}: it is not a regular file (choose another path with --output/--diff)`,
    );
  if (!force)
    throw new ToolError(
      `refusing to replace ${file}: it already exists (move it away, or give --force)`,
    );
}

async function checkDirectory(dir: string): Promise<void> {
  let st;
  try {
    st = await fsp.stat(dir);
  } catch (err) {
    throw new ToolError(
      `cannot write into ${dir}: ${fsReason(err)} (create it, or choose another path with --output/--diff)`,
    );
  }
  if (!st.isDirectory())
    throw new ToolError(
      `cannot write into ${dir}: not a directory (choose another path with --output/--diff)`,
    );
  try {
    await fsp.access(dir, constants.W_OK);
  } catch (err) {
    throw new ToolError(`cannot write into ${dir}: ${fsReason(err)}${rootHint(err, 'write')}`);
  }
}

// What creates, places or removes a file is done with synchronous calls: a
// signal's handler (cleanup.ts) runs between two of them, never while one is
// still in libuv's thread pool, where it would land after the handler had
// taken back what was written and said so.

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Writes `data` to `file` atomically: a temp file in the same directory,
 * created exclusively with the final mode, fsynced, then put in place. Without
 * `force` it is put in place with link(2), which fails rather than replace a
 * file that appeared meanwhile; with `force`, rename(2) replaces the old file
 * (a symlink there is replaced, never followed).
 */
/** A new file written and fsynced beside its target, not yet in place. */
export interface Staged {
  tmp: string;
  target: string;
  /** Forgets the temp file once it is in place (or removed). */
  release: () => void;
}

async function tempName(file: string): Promise<string> {
  const { randomBytes } = await import('node:crypto');
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** The errno code stays on the error (`code`), for callers that word the way out themselves (install). */
function cannotWrite(file: string, err: unknown): ToolError {
  if (err instanceof ToolError) return err;
  const e = new ToolError(
    `cannot write ${file}: ${fsReason(err)}${rootHint(err, 'write')}; it was not written`,
  );
  const code = errnoCode(err);
  return code === undefined ? e : Object.assign(e, { code });
}

/** Writes `data` to a temp file in the target's directory, created exclusively with the final mode, and fsyncs it. */
export async function stageFile(file: string, data: Buffer, opts: WriteOptions): Promise<Staged> {
  await checkTarget(file, opts.force);
  const tmp = await tempName(file);
  const release = own(tmp);
  try {
    const fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      opts.mode,
    );
    try {
      fchmodSync(fd, opts.mode); // open's mode is filtered by the umask
      if (opts.owner && process.getuid?.() === 0) fchownSync(fd, opts.owner.uid, opts.owner.gid);
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    release();
    throw cannotWrite(file, err);
  }
  return { tmp, target: file, release };
}

/**
 * Puts a staged file in place. Without `force` with link(2), which fails
 * rather than replace a file that appeared meanwhile; with `force`,
 * rename(2) replaces the old file (a symlink there is replaced, never
 * followed).
 */
export async function commitStaged(staged: Staged, force: boolean): Promise<void> {
  const { tmp, target } = staged;
  try {
    await place(tmp, target, force);
  } catch (err) {
    rmSync(tmp, { force: true });
    staged.release();
    throw cannotWrite(target, err);
  }
  staged.release();
  syncDirectory(path.dirname(target));
}

/** Writes one file atomically: staged beside the target, then put in place. */
export async function writeFileAtomic(
  file: string,
  data: Buffer,
  opts: WriteOptions,
): Promise<void> {
  await commitStaged(await stageFile(file, data, opts), opts.force);
}

async function place(tmp: string, file: string, force: boolean): Promise<void> {
  if (!force) {
    try {
      linkSync(tmp, file);
      unlinkSync(tmp);
      return;
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EEXIST') {
        throw new ToolError(
          `refusing to replace ${file}: it appeared while writing (move it away, or give --force)`,
        );
      }
      // File systems without hard links (vfat /boot/efi): fall back to rename.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
        throw err;
    }
  }
  await checkTarget(file, force);
  renameSync(tmp, file);
}
