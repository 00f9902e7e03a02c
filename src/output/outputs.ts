import { linkSync, promises as fsp, renameSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError, fsReason } from '../shared/errors.js';
import { textToBytes } from '../shared/bytes.js';
import type { InputFile } from '../shared/input.js';
import { noteWritten, onAbort, quietly } from './cleanup.js';
import { acquireLock } from './lock.js';
import { checkTarget, commitStaged, stageFile, type Staged } from './write.js';

export interface OutputPair {
  input: InputFile;
  output: string;
  diffPath: string;
  /** The edited file and the diff, as latin1 text. */
  content: string;
  patch: string;
  force: boolean;
}

/** One reversible step: what to do if the pair cannot be completed. */
interface Step {
  undo: () => void;
  /** Drops the undo (from this list and from the signal-time cleanup). */
  forget: () => void;
}

function step(undo: () => void): Step {
  return { undo, forget: onAbort(undo) };
}

/**
 * Before a staged file goes in place: an old output (--force) is kept under
 * another name so it can be put back; a new one is removed if the pair is
 * not completed.
 */
async function prepareToReplace(target: string, kept: string[]): Promise<Step> {
  const old = await fsp.lstat(target).then(
    () => true,
    () => false,
  );
  if (!old) return step(() => quietly(() => unlinkSync(target)));
  const aside = `${target}.${process.pid}.old.tmp`;
  // Synchronous, as the undo that renames it back (see write.ts).
  linkSync(target, aside);
  kept.push(aside);
  return step(() => quietly(() => renameSync(aside, target)));
}

/** Puts one staged file in place; if that fails, its undo is dropped unrun: nothing of ours is there to take back. */
async function putInPlace(s: Staged, force: boolean, kept: string[], steps: Step[]): Promise<void> {
  const undo = await prepareToReplace(s.target, kept);
  try {
    await commitStaged(s, force);
  } catch (err) {
    undo.forget();
    throw err;
  }
  steps.push(undo);
}

/**
 * Writes the edited copy and its diff as a pair, with the input's permission
 * bits and owner, under a lock. Both are written to temp files first, then
 * put in place one after the other; if anything fails, or a signal arrives,
 * before both are in place, what was put in place is taken back and what it
 * replaced (--force) restored: never a new copy beside an old diff, never one
 * without the other. The input is never a target.
 */
/** Whether `file` is a regular file (not a link) holding exactly `bytes`. */
async function holds(file: string, bytes: Buffer): Promise<boolean> {
  const st = await fsp.lstat(file).catch(() => undefined);
  if (!st?.isFile() || st.size !== bytes.length) return false;
  return (await fsp.readFile(file)).equals(bytes);
}

/**
 * Whether the pair is already there as it would be written: a run done
 * before on the same grub.conf. Nothing is written then, and that is not
 * a refusal.
 */
export async function pairIsCurrent(p: OutputPair): Promise<boolean> {
  return (
    (await holds(p.output, textToBytes(p.content))) &&
    (await holds(p.diffPath, textToBytes(p.patch)))
  );
}

export async function writeOutputs(p: OutputPair): Promise<void> {
  const same = (a: string, b: string): boolean => path.resolve(a) === path.resolve(b);
  const input = p.input.path;
  if (same(p.output, input) || same(p.diffPath, input)) {
    throw new UsageError(
      `--output/--diff must not name the input ${input}: it is never written (choose another path)`,
    );
  }
  if (same(p.output, p.diffPath))
    throw new UsageError('--output and --diff name the same file: choose two different paths');
  await checkTarget(p.output, p.force);
  await checkTarget(p.diffPath, p.force);
  const releaseLock = await acquireLock(p.output);
  const staged: Staged[] = [];
  const steps: Step[] = [];
  const kept: string[] = [];
  try {
    const opts = {
      mode: p.input.mode,
      owner: { uid: p.input.uid, gid: p.input.gid },
      force: p.force,
    };
    staged.push(await stageFile(p.output, textToBytes(p.content), opts));
    staged.push(await stageFile(p.diffPath, textToBytes(p.patch), opts));
    while (staged.length > 0) {
      await putInPlace(staged[0] as Staged, p.force, kept, steps);
      staged.shift();
    }
  } catch (err) {
    for (const s of staged) {
      rmSync(s.tmp, { force: true });
      s.release();
    }
    for (const s of steps.reverse()) {
      s.forget();
      s.undo();
    }
    await Promise.all(kept.map((k) => fsp.rm(k, { force: true })));
    const outcome =
      steps.length > 0
        ? `; what was put in place was taken back: ${p.output} and ${p.diffPath} are as they were`
        : `; neither ${p.output} nor ${p.diffPath} was written`;
    if (err instanceof ToolError) throw new ToolError(`${err.message}${outcome}`, err.exitCode);
    throw new ToolError(`cannot write ${p.output}: ${fsReason(err)}${outcome}`);
  } finally {
    await releaseLock();
  }
  for (const s of steps) s.forget();
  noteWritten(p.output, p.diffPath);
  await Promise.all(kept.map((k) => fsp.rm(k, { force: true })));
}
