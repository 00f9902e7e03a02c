import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { collectOverSsh } from '../facts/sources/ssh-collect.js';
import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import { openSession, type Session } from '../remote/ssh.js';
import { writeRemoteFiles } from '../remote/write.js';
import { bundleGuest } from './bundle-guest.js';
import type { OpenGuest } from './open-guest.js';

/** Writes the pair beside grub.conf on the guest with the POSIX sh writer, never touching grub.conf. */
function remoteSink(session: Session): OutputSink {
  const dirOf = (p: string): string => path.posix.dirname(p);
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
    async write(pair: OutputPair) {
      const dir = dirOf(pair.output);
      if (dirOf(pair.diffPath) !== dir)
        throw new ToolError(
          `on guest ${session.target}, grub.conf.kvm and its diff go in one directory: ${dir}`,
        );
      const guestFile = pair.input.guest;
      await writeRemoteFiles(session, {
        dir,
        files: [
          { name: path.posix.basename(pair.output), bytes: Buffer.from(pair.content, 'latin1') },
          { name: path.posix.basename(pair.diffPath), bytes: Buffer.from(pair.patch, 'latin1') },
        ],
        mode: pair.input.mode,
        uid: pair.input.uid,
        gid: pair.input.gid,
        force: pair.force,
        // Nothing is written if grub.conf changed on the guest after it was read.
        ...(guestFile && dirOf(guestFile.real) === dir
          ? { expect: [{ name: path.posix.basename(guestFile.real), bytes: pair.input.bytes }] }
          : {}),
      });
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
      local ? undefined : remoteSink(session),
      () => session.close(),
    );
  } catch (err) {
    await session.close();
    throw err;
  }
}
