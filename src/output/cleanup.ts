import { unlinkSync } from 'node:fs';

/**
 * What this run must undo if it stops before it is done: temp files not yet
 * in place, the lock, an output put in place before its partner. Undone on
 * every way out, including Ctrl-C and kill, where no `finally` runs; so each
 * undo is synchronous, because a signal handler exits.
 */
type Undo = () => void;

const pending = new Set<Undo>();
const written: string[] = [];

/** Outputs this run completed: what an interruption must not claim it did not write. */
export function noteWritten(...files: string[]): void {
  written.push(...files);
}

export function writtenSoFar(): readonly string[] {
  return written;
}

/** Runs an undo step, ignoring that it was already done. */
export function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // Already gone or already back: nothing left to undo.
  }
}

/** Registers an undo; the returned function drops it (the step is final). */
export function onAbort(undo: Undo): () => void {
  pending.add(undo);
  return () => {
    pending.delete(undo);
  };
}

/** A file to remove if the run stops. */
export function own(file: string): () => void {
  return onAbort(() => quietly(() => unlinkSync(file)));
}

/** Undoes everything still registered, newest first. */
export function undoNow(): void {
  for (const undo of [...pending].reverse()) {
    pending.delete(undo);
    undo();
  }
}
