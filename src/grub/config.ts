import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { bytesToText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import { contentProblem, readInput, type InputFile } from '../shared/input.js';
import type { Options } from '../shared/options.js';
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
  inputPath: string,
): Promise<{ entry: number; source: string } | undefined> {
  const file = path.join(path.dirname(inputPath), 'default');
  const fh = await fsp.open(file, 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    const m = /^\s*(\d{1,6})\b/.exec(buffer.subarray(0, bytesRead).toString('latin1'));
    return m ? { entry: Number(m[1]), source: file } : undefined;
  } finally {
    await fh.close();
  }
}

/** Finds, reads and parses the guest's grub.conf; what went wrong is kept, not thrown. */
export async function readGrubConfig(options: Options): Promise<ConfigRead> {
  let inputPath: string | undefined;
  try {
    inputPath = await locateGrubConf(options.root, options.grubConf);
    const input = await readInput(inputPath);
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
      const saved = await readSavedDefault(inputPath);
      if (saved) config.saved = saved;
    }
    return { inputPath, input, config };
  } catch (err) {
    if (!(err instanceof ToolError)) throw err;
    return inputPath === undefined ? { inputError: err } : { inputPath, inputError: err };
  }
}
