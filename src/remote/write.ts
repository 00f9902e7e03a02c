import os from 'node:os';
import { ToolError } from '../shared/errors.js';
import { VERSION } from '../shared/version.js';
import { printable } from '../shared/text.js';
import { ConnectionDroppedError, type CommandRunner, type RunResult } from './ssh.js';
import { buildWriterScript, type WriteRequest } from './write-script.js';
import { parseStatus, writerFailure, type Status, type WriteContext } from './write-status.js';

export type { RemoteFile, WriteRequest } from './write-script.js';
export { buildWriterScript } from './write-script.js';

export interface WriteResult {
  /** The files put in place, absolute paths on the guest, in order. */
  written: string[];
  /** Those of them that replaced a file already there (force). */
  replaced: string[];
  /** Size of the writer script sent (parameters, data and writer.sh). */
  scriptBytes: number;
}

function path(ctx: WriteContext, name: string): string {
  return `${ctx.dir === '/' ? '' : ctx.dir}/${name}`;
}

function result(ctx: WriteContext, statuses: Status[], scriptBytes: number): WriteResult {
  const replaced = statuses
    .filter((s) => s.word === 'put' && s.args[1] === 'replaced')
    .map((s) => path(ctx, ctx.names[Number(s.args[0]) - 1] ?? '?'));
  return { written: ctx.names.map((n) => path(ctx, n)), replaced, scriptBytes };
}

/**
 * Writes files into one directory of the guest as a set (grub.conf.kvm and
 * its diff beside grub.conf): the writer script goes to the guest's `sh` on
 * stdin; it takes a lock beside the files, writes and checks temp files,
 * gives them grub.conf's mode and owner, puts them in place only if all
 * are good, and undoes everything on any failure, signal or lost
 * connection. Refusals and failures are one-line ToolErrors naming the
 * guest, the file and what to do.
 */
export async function writeRemoteFiles(
  session: CommandRunner,
  req: WriteRequest,
): Promise<WriteResult> {
  const who =
    req.who ?? `fix-clock-drift ${VERSION} from ${os.hostname()} at ${new Date().toISOString()}`;
  const script = buildWriterScript({ ...req, who });
  const dir = req.dir.length > 1 ? req.dir.replace(/\/+$/, '') : req.dir;
  const ctx: WriteContext = {
    guest: session.target,
    dir,
    names: req.files.map((f) => f.name),
    expectNames: (req.expect ?? []).map((e) => e.name),
    lock: req.lockName ?? `.${req.files[0]?.name}.lock`,
  };
  const bytes = Buffer.byteLength(script, 'latin1');
  let r: RunResult;
  try {
    r = await session.run('sh -s', Buffer.from(script, 'latin1'));
  } catch (err) {
    if (!(err instanceof ConnectionDroppedError)) throw err;
    const statuses = parseStatus(err.stdout);
    // "placed" is written only when every file is in place, and the writer makes them final right after.
    if (statuses.some((s) => s.word === 'placed' || s.word === 'done'))
      return result(ctx, statuses, bytes);
    const first = ctx.names[0] ?? '';
    throw new ToolError(
      `the connection to guest ${printable(session.target)} dropped during the write; the writer puts all of ${ctx.names.join(', ')} in place or none, and removes its temp files and lock when it finds the connection gone: check ${dir} on the guest (ls -la ${dir}), then run again (with --force if ${first} is there)`,
    );
  }
  const statuses = parseStatus(r.stdout);
  if (r.code === 0 && statuses.some((s) => s.word === 'done')) return result(ctx, statuses, bytes);
  throw writerFailure(ctx, statuses, r.stderr);
}

/** grub.conf.kvm and its diff, beside grub.conf: writeRemoteFiles with the pair. */
export const writeRemotePair = writeRemoteFiles;
