/**
 * For tests only: with FIX_CLOCK_DRIFT_TEST_PAUSE set to a step's name, the
 * run stops at that step (saying so on stderr) and waits to be killed, so a
 * test can end it there with any signal, deterministically, and look at what
 * is left. Unset, as it always is outside the tests, it does nothing.
 */
export const TEST_PAUSE_VARIABLE = 'FIX_CLOCK_DRIFT_TEST_PAUSE';

export type PauseStep = 'after-backup' | 'before-rename';

export async function pauseForTests(step: PauseStep): Promise<void> {
  if (process.env[TEST_PAUSE_VARIABLE] !== step) return;
  process.stderr.write(`fix-clock-drift: paused at ${step} (pid ${process.pid})\n`);
  // A timer keeps the process alive; nothing resolves the promise.
  setInterval(() => undefined, 60_000);
  await new Promise<never>(() => undefined);
}
