import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { bytesToText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import { contentProblem, readInput, type InputFile } from '../shared/input.js';
import { asGuestFile, type GuestAccess } from '../output/guest.js';
import { locateGrubConf } from './locate.js';
import { parseGrubConfig, type GrubConfig } from './model.js';

export interface ConfigRead {
  inputPath?: string;
  input?: InputFile;
  config?: GrubConfig;
  /** Why no config could be read; thrown only when one is needed. */
  inputError?: ToolError;
}

/**
 * GRUB legacy's `default saved` boots the entry `savedefault` wrote to the
 * file `default` beside the config: its first line holds the number.
 */
async function readSavedDefault(
  dir: string,
  shown: string,
): Promise<{ entry: number; source: string } | undefined> {
  const fh = await fsp.open(path.join(dir, 'default'), 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    const m = /^\s*(\d{1,6})\b/.exec(buffer.subarray(0, bytesRead).toString('latin1'));
    return m ? { entry: Number(m[1]), source: shown } : undefined;
  } catch {
    // A directory or an unreadable file named default is no saved entry.
    return undefined;
  } finally {
    await fh.close();
  }
}

/** Where the config is read from on this machine, and how messages name it. */
async function locate(access: GuestAccess): Promise<{ file: string; shown: string }> {
  const { options, copy } = access;
  if (!copy) {
    const file = await locateGrubConf(options.root, options.grubConf);
    return { file, shown: file };
  }
  if (!copy.config)
    throw new ToolError(
      `${copy.name}: its collector found no GRUB legacy config (/boot/grub/grub.conf, /boot/grub/menu.lst or /etc/grub.conf): nothing to edit there`,
    );
  return {
    file: path.join(options.root, copy.config.real),
    shown: `${copy.name}:${copy.config.path}`,
  };
}

/** Finds, reads and parses the guest's grub.conf; what went wrong is kept, not thrown. */
export async function readGrubConfig(access: GuestAccess): Promise<ConfigRead> {
  let inputPath: string | undefined;
  try {
    const where = await locate(access);
    inputPath = where.shown;
    const { options } = access;
    const root = options.rootGiven && !access.copy ? options.root : undefined;
    const input = asGuestFile(await readInput(where.file, '--grub-conf', root), access.copy);
    const problem = contentProblem(input.bytes);
    if (problem) {
      throw new ToolError(
        `${inputPath} is not a usable GRUB config: ${problem} (check the path, or give the guest's grub.conf with --grub-conf)`,
      );
    }
    const config = parseGrubConfig(bytesToText(input.bytes));
    if (config.entries.length === 0) {
      throw new ToolError(
        `${inputPath} has no boot entries (no title lines), so nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`,
      );
    }
    if (config.defaults.at(-1)?.value === 'saved') {
      // savedefault writes beside the real file: /boot/grub/default, not /etc/default.
      const real = input.linkTarget ?? where.file;
      const shown = access.copy?.config
        ? `${access.copy.name}:${path.posix.join(path.posix.dirname(access.copy.config.real), 'default')}`
        : path.join(path.dirname(real), 'default');
      const saved = await readSavedDefault(path.dirname(real), shown);
      if (saved) config.saved = saved;
    }
    return { inputPath, input, config };
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return inputPath === undefined ? { inputError: err } : { inputPath, inputError: err };
  }
}
