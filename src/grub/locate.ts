import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.stat(file);
    return true;
  } catch {
    return false;
  }
}

/** grub.conf, else menu.lst under a root; undefined when it has neither. */
export async function findGrubConf(root: string): Promise<string | undefined> {
  for (const name of ['boot/grub/grub.conf', 'boot/grub/menu.lst']) {
    const file = path.join(root, name);
    if (await exists(file)) return file;
  }
  return undefined;
}

/** `--grub-conf` as given, else grub.conf, else menu.lst under the root. */
export async function locateGrubConf(root: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const found = await findGrubConf(root);
  if (found !== undefined) return found;
  throw new ToolError(
    `no GRUB legacy config under ${root}: neither ${path.join(root, 'boot/grub/grub.conf')} nor ${path.join(root, 'boot/grub/menu.lst')} exists (give --root or --grub-conf)`,
  );
}
