type Hook = () => void;

// On globalThis: the wizard is a separate bundle with its own copy of this module.
const KEY = Symbol.for('fix-clock-drift.remote-exit-hooks');
const holder = globalThis as typeof globalThis & { [KEY]?: Set<Hook> };

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

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
  let set = holder[KEY];
  if (set) return set;
  const all = new Set<Hook>();
  set = all;
  holder[KEY] = set;
  process.on('exit', () => runAll(all));
  for (const [signal, code] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    // The CLI handles signals itself (undo, message, process.exit, and so
    // 'exit'); when nothing else does, a signal would end the process
    // without 'exit', leaving the master connection behind.
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) return;
      runAll(all);
      process.exit(code);
    });
  }
  return set;
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
