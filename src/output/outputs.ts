import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError } from '../errors.js';
import { textToBytes } from '../grub/bytes.js';
import type { InputFile } from '../input.js';
import { acquireLock } from './lock.js';
import { checkTarget, writeFileAtomic } from './write.js';

export interface OutputPair {
  input: InputFile;
  output: string;
  diffPath: string;
  /** The edited file and the diff, as latin1 text. */
  content: string;
  patch: string;
  force: boolean;
}

async function exists(file: string): Promise<boolean> {
  return fsp.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes the edited copy and its diff beside each other, with the input's
 * permission bits and owner, under a lock. Both targets are checked before
 * either is written, so a refusal leaves nothing behind; if the diff cannot
 * be written after the copy was, a copy that did not exist before is taken
 * back, so no half of a pair remains. The input is never a target.
 */
export async function writeOutputs(p: OutputPair): Promise<void> {
  const same = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);
  const input = p.input.path;
  if (same(p.output, input) || same(p.diffPath, input)) {
    throw new UsageError(`--output/--diff must not name the input ${input}: it is never written`);
  }
  if (same(p.output, p.diffPath)) throw new UsageError('--output and --diff name the same file');
  await checkTarget(p.output, p.force);
  await checkTarget(p.diffPath, p.force);
  const release = await acquireLock(p.output);
  try {
    const opts = {
      mode: p.input.mode,
      owner: { uid: p.input.uid, gid: p.input.gid },
      force: p.force,
    };
    const outputExisted = await exists(p.output);
    await writeFileAtomic(p.output, textToBytes(p.content), opts);
    try {
      await writeFileAtomic(p.diffPath, textToBytes(p.patch), opts);
    } catch (err) {
      if (!outputExisted) await fsp.rm(p.output, { force: true });
      const kept = outputExisted
        ? `; ${p.output} was already replaced`
        : `; ${p.output} was taken back`;
      throw new ToolError(`${err instanceof Error ? err.message : String(err)}${kept}`);
    }
  } finally {
    await release();
  }
}
