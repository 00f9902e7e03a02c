import { ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { collectOverSsh } from '../facts/sources/ssh-collect.js';
import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import { openSession, type Session } from '../remote/ssh.js';
import { writeRemoteFiles } from '../remote/write.js';
import { md5 } from '../remote/write-script.js';
import { bundleGuest } from './bundle-guest.js';
import { pairRequest } from './pair-request.js';
import type { OpenGuest } from './open-guest.js';

/** Whether the guest already holds the pair as it would be written (md5 of both files). */
async function remoteIsCurrent(session: Session, pair: OutputPair): Promise<boolean> {
  const files = [pair.output, pair.diffPath];
  const quoted = files.map((p) => `'${p.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = await session.run(
    `for f in ${quoted}; do test -f "$f" && test ! -h "$f" && md5sum < "$f"; done; true`,
  );
  const sums = r.stdout
    .toString('latin1')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(/\s/)[0]);
  const want = [pair.content, pair.patch].map((t) => md5(Buffer.from(t, 'latin1')));
  return sums.length === 2 && sums[0] === want[0] && sums[1] === want[1];
}

/** Writes the pair beside grub.conf on the guest with the POSIX sh writer, never touching grub.conf. */
function remoteSink(session: Session): OutputSink {
  return {
    where: session.target,
    async check(output, diffPath, force) {
      if (force) return;
      const quoted = [output, diffPath].map((p) => `'${p.replace(/'/g, `'\\''`)}'`);
      const r = await session.run(
        `for f in ${quoted.join(' ')}; do test -e "$f" && echo "$f"; done; true`,
      );
      const there = r.stdout.toString('latin1').trim();
      if (there !== '')
        throw new ToolError(
          `refusing to replace ${session.target}:${there.split('\n')[0]}: it already exists (move it away on the guest, or give --force)`,
        );
    },
    isCurrent: (pair) => remoteIsCurrent(session, pair),
    async write(pair: OutputPair) {
      await writeRemoteFiles(session, pairRequest(pair, session.target));
      return 'written';
    },
  };
}

/**
 * `--ssh [USER@]HOST`: a live guest over one SSH connection. Its facts come
 * from the collector run there; the outputs are written there beside
 * grub.conf (unless --output or --diff name files here).
 */
export async function sshGuest(options: Options, target: string): Promise<OpenGuest> {
  const session = await openSession(target, {
    ...(options.sshCommand === undefined ? {} : { sshCommand: options.sshCommand }),
    interactive: process.stdin.isTTY === true && !options.yes,
  });
  try {
    const text = await collectOverSsh(session);
    const local = options.output !== undefined || options.diff !== undefined;
    return await bundleGuest(
      options,
      text,
      { bundleName: target, guestName: target },
      () => (local ? undefined : remoteSink(session)),
      () => session.close(),
    );
  } catch (err) {
    await session.close();
    throw err;
  }
}
