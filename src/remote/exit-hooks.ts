import { STOP_SIGNALS, signalExitCode } from '../shared/errors.js';

type Hook = () => void;

// Made on first use: a run that never connects registers no handlers.
let registered: Set<Hook> | undefined;

function runAll(hooks: Set<Hook>): void {
  for (const hook of [...hooks].reverse()) {
    hooks.delete(hook);
    try {
      hook();
    } catch {
      // Best effort on the way out: the next hook still runs.
    }
  }
}

function hooks(): Set<Hook> {
  if (registered) return registered;
  const all = new Set<Hook>();
  registered = all;
  process.on('exit', () => runAll(all));
  for (const signal of STOP_SIGNALS) {
    // The CLI handles signals itself (undo, message, process.exit, and so
    // 'exit'); when nothing else does, a signal would end the process
    // without 'exit', leaving the master connection behind.
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      runAll(all);
      process.exit(signalExitCode(signal));
    });
  }
  return all;
}

/**
 * Runs `hook` (synchronously) when the process exits or is stopped by
 * SIGINT/SIGTERM/SIGHUP, unless the returned function is called first.
 */
export function onExit(hook: Hook): () => void {
  const set = hooks();
  set.add(hook);
  return () => {
    set.delete(hook);
  };
}
