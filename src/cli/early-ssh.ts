import { startEarlySession } from '../remote/early-session.js';
import { handleSignals } from './interrupt.js';
import { flagValue } from './relaunch.js';

/** Flags after which the run does not open the --ssh connection itself (or fails before it would). */
const NOT_CONNECTING = new Set([
  '-h',
  '--help',
  '-V',
  '--version',
  '--facts',
  '--root',
  '--list-rules',
]);

/**
 * Starts the connection of a flag-mode run over --ssh before commander and
 * the rest of the tool are loaded (remote/early-session.ts says why). Read
 * from argv crudely, on purpose: a run whose parsed options ask for another
 * connection, or none, does not take it, and it is closed unused.
 */
export function startSshEarly(argv: readonly string[]): void {
  // Subcommands (check, install, drift...) open their connections their own way.
  if (argv[0] === undefined || !argv[0].startsWith('-')) return;
  const target = flagValue(argv, '--ssh');
  if (target === undefined) return;
  if (argv.some((a) => NOT_CONNECTING.has(a.split('=')[0] as string))) return;
  // The run would let ssh prompt (sshGuest): not before its flags are checked.
  if (process.stdin.isTTY === true && !argv.includes('--yes')) return;
  // A Ctrl-C while the rest loads is answered as in the run, not by dying silently.
  handleSignals();
  startEarlySession(target, flagValue(argv, '--ssh-command'));
}
