import { constants, promises as fsp } from 'node:fs';
import { ToolError, errnoCode, fsReason, rootHint } from './errors.js';

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

/** Reads the file to edit; `flag` is the one that names it, for the messages. */
export async function readInput(
  file: string,
  flag: '--grub-conf' | '--boot-ini' = '--grub-conf',
): Promise<InputFile> {
  let linkTarget: string | undefined;
  try {
    const lst = await fsp.lstat(file);
    if (lst.isSymbolicLink()) linkTarget = await fsp.realpath(file);
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
    handle = await fsp.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
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
