import type { Options } from '../shared/options.js';
import { printable } from '../shared/text.js';
import { collectOverSsh } from '../facts/sources/ssh-collect.js';
import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import type { GuestShell } from '../remote/guest-shell.js';
import { takeEarlySession } from '../remote/early-session.js';
import { openSession } from '../remote/ssh.js';
import { writeRemoteFiles } from '../remote/write.js';
import { bundleGuest } from './bundle-guest.js';
import { bundleHoldsPair, refuseBundledPair } from './bundled-pair.js';
import { pairRequest } from './pair-request.js';
import type { OpenGuest } from './open-guest.js';

/**
 * Writes the pair beside grub.conf on the guest with the POSIX sh writer,
 * never touching grub.conf. What is already there is known from the bundle
 * the collector printed a moment before (unpacked at `root`).
 */
function remoteSink(shell: GuestShell, root: string): OutputSink {
  const guest = shell.target;
  return {
    where: guest,
    check: (output, diffPath, force) => refuseBundledPair(guest, root, output, diffPath, force),
    isCurrent: (pair) => bundleHoldsPair(root, pair),
    async write(pair: OutputPair) {
      await writeRemoteFiles(shell, pairRequest(pair, guest));
      return 'written';
    },
  };
}

/**
 * `--ssh [USER@]HOST`: a live guest over one SSH connection. Its facts come
 * from the collector run there; the outputs are written there beside
 * grub.conf (unless --output or --diff name files here). Both go to the
 * session's shell on the guest, open from the handshake to the end (through
 * the wizard's review too): no second ssh client or channel for the write.
 */
export async function sshGuest(options: Options, target: string): Promise<OpenGuest> {
  const opts = {
    ...(options.sshCommand === undefined ? {} : { sshCommand: options.sshCommand }),
    interactive: process.stdin.isTTY === true && !options.yes,
  };
  const session = await (takeEarlySession(target, opts) ?? openSession(target, opts));
  const shell = session.shell;
  const close = () => session.close();
  try {
    const text = await collectOverSsh(shell);
    const local = options.output !== undefined || options.diff !== undefined;
    return await bundleGuest(
      options,
      text,
      { label: `from guest ${printable(target)}`, guestName: target, fallbackName: target },
      (_guest, root) => (local ? undefined : remoteSink(shell, root)),
      close,
    );
  } catch (err) {
    await close();
    throw err;
  }
}
