import { STOP_SIGNALS, signalExitCode } from '../shared/errors.js';
import { undoNow, writtenSoFar } from '../output/cleanup.js';

let handled = false;

/**
 * From here on, Ctrl-C, kill and a closed terminal undo what the run had
 * started (temp files, the lock), say what was written, and exit 128+n.
 * Once per process: bin.ts asks for it before an early --ssh connection,
 * main() when its flags are parsed.
 */
export function handleSignals(): void {
  if (handled) return;
  handled = true;
  for (const signal of STOP_SIGNALS)
    process.on(signal, () => {
      undoNow();
      const done = writtenSoFar();
      const what = done.length
        ? `; ${done.join(' and ')} had been written`
        : '; nothing was written';
      // On a terminal, ^C left the cursor mid-line.
      const nl = process.stderr.isTTY ? '\n' : '';
      process.stderr.write(`${nl}fix-clock-drift: interrupted (${signal})${what}\n`);
      process.exit(signalExitCode(signal));
    });
}
