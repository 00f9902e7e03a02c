import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, fsReason } from '../shared/errors.js';

/**
 * boot.ini at the top of a mounted Windows system volume. FAT and NTFS
 * ignore case but keep it, and a Linux mount may not, so the name is matched
 * case-insensitively (BOOT.INI, boot.ini, Boot.ini). A case-sensitive mount
 * could hold several; the first in code-unit order is taken so the answer
 * does not depend on directory order. Undefined if the root does not exist.
 */
export async function findBootIni(root: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await fsp.readdir(root);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ToolError(`cannot list ${root}: ${fsReason(err)} (check the path given to --root)`);
  }
  for (const name of names.filter((n) => n.toLowerCase() === 'boot.ini').sort()) {
    const file = path.join(root, name);
    try {
      if ((await fsp.stat(file)).isFile()) return file;
    } catch {
      // A dangling symlink or an unreadable entry is not a boot.ini to use.
    }
  }
  return undefined;
}
