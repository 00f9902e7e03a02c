import { promises as fsp, unlinkSync } from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, errnoReason } from '../shared/errors.js';
import { onAbort, quietly } from '../output/cleanup.js';
import { acquireLock } from '../output/lock.js';
import { commitStaged, stageFile } from '../output/write.js';
import { pauseForTests } from './test-pause.js';
import type { ConfState, ReplaceDone, ReplaceRequest } from './types.js';

/** Why a write failed and the way out, worded for grub.conf's directory. */
function reason(err: unknown, dir: string): string {
  const code = errnoCode(err);
  const words = errnoReason(code) ?? (err instanceof Error ? err.message : String(err));
  if (code === 'EROFS') return `${words} (make it writable, e.g. mount -o remount,rw /boot)`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `${words} (free some space in ${dir})`;
  if ((code === 'EACCES' || code === 'EPERM') && process.getuid?.() !== 0)
    return `${words} (replacing grub.conf needs root: run with sudo)`;
  return words;
}

/** A ToolError of output/write.ts carries its errno as `code`; its message is kept otherwise. */
function explain(err: unknown, dir: string): string {
  if (err instanceof ToolError && errnoCode(err) === undefined) return err.message;
  return reason(err, dir);
}

async function checkExpected(state: ConfState, req: ReplaceRequest): Promise<void> {
  for (const e of req.expect) {
    const file = `${state.real}${e.suffix}`;
    const now = await fsp.readFile(file).catch(() => undefined);
    if (!now?.equals(e.bytes))
      throw new ToolError(
        `${file} changed while install was deciding (${now ? 'other content' : 'it is gone'}): run it again to decide from what is there now; nothing was changed`,
      );
  }
}

/**
 * Replaces grub.conf here: under the lock the run that writes grub.conf.kvm
 * takes, and only if the files read still hold what was read, writes the
 * backup (a new file, never replacing one, with grub.conf's mode and owner,
 * fsynced, its directory fsynced), then stages the new content beside
 * grub.conf (fsynced) and renames it over the real file, then fsyncs the
 * directory. A failure or a signal before the rename leaves grub.conf as it
 * was and removes the backup; the rename itself is atomic, so grub.conf is
 * always the old or the new file, whole.
 */
export async function replaceLocal(state: ConfState, req: ReplaceRequest): Promise<ReplaceDone> {
  const dir = path.dirname(state.real);
  const backup = path.join(dir, req.backup);
  const opts = { mode: state.mode, owner: { uid: state.uid, gid: state.gid } };
  const release = await acquireLock(`${state.real}.kvm`);
  try {
    await checkExpected(state, req);
    try {
      await commitStaged(await stageFile(backup, req.old, { ...opts, force: false }), false);
    } catch (err) {
      throw new ToolError(
        `cannot write the backup ${backup}: ${explain(err, dir)}; ${state.real} was not changed`,
      );
    }
    const forget = onAbort(() => quietly(() => unlinkSync(backup)));
    try {
      await pauseForTests('after-backup');
      const staged = await stageFile(state.real, req.next, { ...opts, force: true });
      await pauseForTests('before-rename');
      await commitStaged(staged, true);
    } catch (err) {
      forget();
      await fsp.rm(backup, { force: true });
      throw new ToolError(
        `cannot replace ${state.real}: ${explain(err, dir)}; it was not changed, and the backup ${backup} was removed`,
      );
    }
    forget();
  } finally {
    await release();
  }
  return 'replaced';
}
