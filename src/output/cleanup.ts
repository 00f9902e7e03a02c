import { unlinkSync } from 'node:fs';

/**
 * Files this run created and must not leave behind (temp files not yet in
 * place, the lock): removed on every way out, including Ctrl-C and kill,
 * where no `finally` runs. Synchronous, because a signal handler exits.
 */
const owned = new Set<string>();

export function own(file: string): void {
  owned.add(file);
}

export function disown(file: string): void {
  owned.delete(file);
}

export function removeOwnedNow(): void {
  for (const file of owned) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone: nothing left to clean.
    }
  }
  owned.clear();
}
