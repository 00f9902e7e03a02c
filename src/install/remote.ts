import { MAX_INPUT_BYTES } from '../shared/input.js';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { openSession, type Session, type SessionOptions } from '../remote/ssh.js';
import { writeRemoteFiles } from '../remote/write.js';
import { listBackups } from './backups.js';
import {
  buildReaderScript,
  parseLsLine,
  parseReaderOutput,
  type ReaderFailure,
  type ReaderOutput,
} from './read-script.js';
import { splitReal, type Beside, type ConfDir, type ConfState } from './types.js';
import { installWriteRequest } from './write-request.js';

const WHY: Record<string, string> = {
  missing: 'missing',
  symlink: 'a symbolic link',
  special: 'not a regular file',
  unreadable: 'unreadable (log in as root)',
  toolarge: `over ${MAX_INPUT_BYTES} bytes`,
};

function failure(guest: string, f: ReaderFailure, given: string | undefined): ToolError {
  switch (f.kind) {
    case 'none':
      return new ToolError(
        given === undefined
          ? `no GRUB legacy config on guest ${guest}: none of /boot/grub/grub.conf, /boot/grub/menu.lst, /etc/grub.conf exists (give its path there with --grub-conf)`
          : `guest ${guest} has no ${printable(given)} (give the path of its grub.conf with --grub-conf)`,
      );
    case 'unresolved':
      return new ToolError(
        `guest ${guest}: ${printable(f.path)} is a symbolic link that leads to no regular file (give the path of its grub.conf with --grub-conf)`,
      );
    case 'garbled':
      return new ToolError(
        /changed while/.test(f.detail)
          ? `guest ${guest}: a file beside grub.conf ${f.detail}: run again`
          : `guest ${guest}: its answer could not be read (${printable(f.detail)}): check that its login shell runs sh, then run again`,
      );
  }
}

async function readOnGuest(
  session: Session,
  conf: string | undefined,
  suffixes: readonly string[],
): Promise<ReaderOutput> {
  const guest = printable(session.target);
  const r = await session.run('sh -s', buildReaderScript(conf, suffixes));
  const parsed = parseReaderOutput(r.stdout, suffixes.length);
  if (parsed.ok) return parsed.value;
  if (parsed.failure.kind === 'garbled' && !r.stdout.includes('FCDR start')) {
    const line = r.stderr.split(/\r?\n/).find((l) => l.trim());
    throw new ToolError(
      `guest ${guest} could not run the reader with sh${line ? `: ${printable(line)}` : ''}; nothing was changed`,
    );
  }
  throw failure(guest, parsed.failure, conf);
}

/**
 * grub.conf on a live guest over one SSH connection: found and read by a
 * read-only sh script (reader.sh), replaced by the guest-side writer
 * (remote/writer.sh) that backs it up and renames the new file over it in
 * one step, all or nothing, only if grub.conf and the files the decision
 * was made from are still as read.
 */
export async function remoteConfDir(
  target: string,
  opts: SessionOptions & { grubConf?: string },
): Promise<ConfDir> {
  const session = await openSession(target, opts);
  const guest = printable(target);
  return {
    guest: target,
    async read(suffixes, again) {
      const v = await readOnGuest(session, again?.real ?? opts.grubConf, suffixes);
      const owner = parseLsLine(v.ls);
      if (!owner)
        throw new ToolError(
          `guest ${guest}: cannot tell the permissions of ${printable(v.real)} from "${printable(v.ls)}": run again`,
        );
      const files = new Map<string, Beside>();
      suffixes.forEach((s, i) => {
        const f = v.files[i];
        files.set(
          s,
          Buffer.isBuffer(f)
            ? { ok: true, bytes: f }
            : { ok: false, why: WHY[f ?? 'missing'] ?? 'missing' },
        );
      });
      const state: ConfState = {
        shown: again?.shown ?? `${target}:${v.conf}`,
        real: v.real,
        ...owner,
        files,
        backups: listBackups(splitReal(v.real).name, v.backups),
      };
      return state;
    },
    async replace(state, req) {
      const written = writeRemoteFiles(session, installWriteRequest(state, req));
      await written.catch((err: unknown) => {
        // write.ts words a dropped connection for the pair a run writes; here it is grub.conf itself.
        if (err instanceof ToolError && /dropped during the write/.test(err.message))
          throw new ToolError(
            `the connection to guest ${guest} dropped while ${printable(state.real)} was being replaced: the writer there puts grub.conf back and removes the backup when it finds the connection gone, unless the replacement was already final; run the same command again: it says whether grub.conf is installed`,
          );
        throw err;
      });
      return 'replaced';
    },
    show: (state, name) => `${target}:${splitReal(state.real).dir.replace(/\/$/, '')}/${name}`,
    close: () => session.close(),
  };
}
