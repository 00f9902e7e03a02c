import { openSession, type Session, type SessionOptions } from './ssh.js';

interface Early {
  target: string;
  sshCommand: string | undefined;
  session: Promise<Session>;
}

let early: Early | undefined;

/**
 * Opens the connection of a run over --ssh before the rest of the tool has
 * loaded, so that loading it (tens of milliseconds) overlaps the handshake
 * instead of coming before it. Only for a run that cannot prompt
 * (BatchMode): a password must not be asked for before the flags are found
 * good. The run takes it (takeEarlySession) if it opens that same
 * connection; a run that ends first (a usage error) leaves it to the exit
 * hooks, which close it as they close any session.
 */
export function startEarlySession(target: string, sshCommand: string | undefined): void {
  if (early) return;
  const session = openSession(target, {
    interactive: false,
    ...(sshCommand === undefined ? {} : { sshCommand }),
  });
  // Judged by the run that takes it, with the same message it would have
  // had from opening it then; one nobody takes is no failure of the run.
  session.catch(() => undefined);
  early = { target, sshCommand, session };
}

/** The connection started early, if it is the one `target` and `opts` ask for (only once). */
export function takeEarlySession(
  target: string,
  opts: SessionOptions,
): Promise<Session> | undefined {
  const e = early;
  if (!e || opts.interactive || opts.persistSeconds !== undefined) return undefined;
  if (e.target !== target || e.sshCommand !== opts.sshCommand) return undefined;
  early = undefined;
  return e.session;
}

/** Whether a connection was started early and not taken by the run. */
export function earlySessionLeft(): boolean {
  return early !== undefined;
}
