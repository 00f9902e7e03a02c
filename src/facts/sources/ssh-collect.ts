import { ToolError } from '../../shared/errors.js';
import { printable } from '../../shared/text.js';
import {
  openSession,
  type CommandRunner,
  type Session,
  type SessionOptions,
} from '../../remote/ssh.js';
import type { FactSource } from '../source.js';
import { parseBundle } from './bundle.js';
import { bundleSource } from './bundle-source.js';
import { COLLECTOR_SCRIPT } from './collector.js';
import { unpackBundle, type UnpackedBundle } from './unpack.js';

/** Runs the collector on the guest (sent on stdin: nothing is installed there) and returns its bundle. */
export async function collectOverSsh(session: CommandRunner): Promise<string> {
  const r = await session.run('sh -s', COLLECTOR_SCRIPT);
  const text = r.stdout.toString('latin1');
  if (!text.includes('-----BEGIN FIX-CLOCK-DRIFT FACTS-----')) {
    const why = printable(
      r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit status ${r.code}`,
      200,
    );
    throw new ToolError(
      `guest ${printable(session.target)}: the collector printed no facts bundle (${why}): check that the login shell there runs sh, or run \`fix-clock-drift collector\` on its console and use --facts`,
    );
  }
  return text;
}

/** A live guest over one SSH connection, its facts collected and unpacked into a private root. */
export interface SshGuestFacts {
  session: Session;
  unpacked: UnpackedBundle;
  /** Detection's view of it: files named "<target>:/path". */
  source: FactSource;
  /** Removes the private root and ends the connection. */
  close(): Promise<void>;
}

/**
 * Opens the connection, runs the collector and unpacks what it printed:
 * what a subcommand needs to read a running guest (check). Nothing is left
 * open when it fails.
 */
export async function openSshGuestFacts(
  target: string,
  opts: SessionOptions,
): Promise<SshGuestFacts> {
  const session = await openSession(target, opts);
  try {
    const text = await collectOverSsh(session.shell);
    // Named as a run over --ssh names it (pipeline/ssh-guest.ts).
    const unpacked = await unpackBundle(parseBundle(text, `from guest ${printable(target)}`));
    return {
      session,
      unpacked,
      source: bundleSource(unpacked, `${target}:`),
      async close() {
        await unpacked.cleanup();
        await session.close();
      },
    };
  } catch (err) {
    await session.close();
    throw err;
  }
}
