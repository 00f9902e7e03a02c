import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, fsReason, rootHint } from './errors.js';
import { RootFs } from './rootfs.js';

/** A grub.conf larger than this is not one: refuse before reading it. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export interface InputFile {
  path: string;
  bytes: Buffer;
  /** Where the path's symlink led, when it was one. */
  linkTarget?: string;
  mode: number;
  uid: number;
  gid: number;
  /**
   * When the file is a private copy of a guest's (from its facts bundle):
   * the guest's name, and the file's path on the guest as asked and as its
   * symlinks lead. Mode and owner above are then the guest's.
   */
  guest?: { name: string; path: string; real: string };
}

/**
 * Where a symlink leads: inside `root` when the file lies under a guest's
 * mounted root (an absolute link there names the guest's file, not this
 * machine's), else as this machine resolves it. Undefined for a link with
 * no path behind it (/dev/fd/63 of a shell's <(...) is a pipe).
 */
async function linkTargetOf(file: string, root: string | undefined): Promise<string | undefined> {
  const rel =
    root === undefined ? undefined : path.relative(path.resolve(root), path.resolve(file));
  if (root !== undefined && rel !== undefined && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    const r = await new RootFs(root).resolve(`/${rel}`);
    return r.ok ? r.path : undefined;
  }
  return fsp.realpath(file).catch(() => undefined);
}

/**
 * Reads the file to edit; `flag` is the one that names it, for the
 * messages; `root`, the guest root it lies under, if any.
 */
export async function readInput(
  file: string,
  flag: '--grub-conf' | '--boot-ini' = '--grub-conf',
  root?: string,
): Promise<InputFile> {
  let linkTarget: string | undefined;
  try {
    const lst = await fsp.lstat(file);
    if (lst.isSymbolicLink()) linkTarget = await linkTargetOf(file, root);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT')
      throw new ToolError(`cannot read ${file}: no such file (give the file with ${flag})`);
    throw new ToolError(
      `cannot read ${file}: ${fsReason(err)}${rootHint(err, 'read') || ` (check the path given to ${flag})`}`,
    );
  }
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below as not a regular file.
    handle = await fsp.open(linkTarget ?? file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new ToolError(
      `cannot read ${file}: ${fsReason(err)}${rootHint(err, 'read') || ` (check the path given to ${flag})`}`,
    );
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory())
      throw new ToolError(
        `cannot read ${file}: it is a directory (give the file itself with ${flag})`,
      );
    if (st.isFIFO())
      throw new ToolError(
        `cannot read ${file}: it is a pipe, not a regular file (save it to a file first and give that with ${flag})`,
      );
    if (!st.isFile()) {
      throw new ToolError(
        `cannot read ${file}: not a regular file (give the file itself with ${flag})`,
      );
    }
    if (st.size > MAX_INPUT_BYTES) {
      throw new ToolError(
        `refusing ${file}: ${st.size} bytes is more than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB a boot config can sensibly be (check the path given to ${flag})`,
      );
    }
    // Read from the same handle that was checked, so the size limit holds.
    const bytes = await handle.readFile();
    if (bytes.length > MAX_INPUT_BYTES)
      throw new ToolError(
        `refusing ${file}: it grew past ${MAX_INPUT_BYTES / 1024 / 1024} MiB while being read`,
      );
    const result: InputFile = {
      path: file,
      bytes,
      mode: st.mode & 0o777,
      uid: st.uid,
      gid: st.gid,
    };
    if (linkTarget !== undefined) result.linkTarget = linkTarget;
    return result;
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError(`cannot read ${file}: ${fsReason(err)} (check the path given to ${flag})`);
  } finally {
    await handle.close();
  }
}

/** What is wrong with the content as a grub.conf, if anything. */
export function contentProblem(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'it is empty';
  if (bytes.includes(0)) return 'it contains NUL bytes, so it is binary, not a GRUB config';
  return undefined;
}
