import { promises as fsp, rmSync } from 'node:fs';
import os from 'node:os';
import { ToolError, errnoCode, fsReason } from '../shared/errors.js';
import { MAX_INPUT_BYTES } from '../shared/input.js';
import { printable } from '../shared/text.js';
import { VERSION } from '../shared/version.js';
import { openBundleFile } from '../facts/sources/bundle-file.js';
import type { UnpackedBundle } from '../facts/sources/unpack.js';
import { onAbort, quietly } from '../output/cleanup.js';
import { writeFileAtomic } from '../output/write.js';
import { buildWriterScript } from '../remote/write-script.js';
import { splitReal, type Beside, type ConfDir, type ConfState } from './types.js';
import { installWriteRequest } from './write-request.js';

/** grub.conf as the bundle gives it, or why install cannot go on from this bundle. */
function located(u: UnpackedBundle, guest: string, file: string) {
  const { configPath, realPath, mode, uid, gid } = u.boot;
  if (configPath === undefined)
    return `no GRUB legacy config on guest ${guest}: its bundle ${file} has none of /boot/grub/grub.conf, /boot/grub/menu.lst, /etc/grub.conf`;
  if (realPath === undefined)
    return `guest ${guest}: ${printable(configPath)} is a symbolic link that leads to no regular file (in its bundle ${file})`;
  if (mode === undefined || uid === undefined || gid === undefined)
    return `the bundle ${file} does not give the mode and owner of ${guest}:${printable(realPath)}: collect it again with the collector this version prints`;
  return { configPath, realPath, mode, uid, gid };
}

/** A file beside grub.conf as the bundle brought it (never through a symlink). */
async function beside(u: UnpackedBundle, guestPath: string): Promise<Beside> {
  if (u.unreadable.includes(guestPath)) return { ok: false, why: 'unreadable (log in as root)' };
  // As unpack.ts lays the guest's paths out: its bytes under the private root.
  const host = Buffer.concat([Buffer.from(u.root, 'utf8'), Buffer.from(guestPath, 'latin1')]);
  let st;
  try {
    st = await fsp.lstat(host);
  } catch (e) {
    return { ok: false, why: errnoCode(e) === 'ENOENT' ? 'missing' : fsReason(e) };
  }
  if (st.isSymbolicLink()) return { ok: false, why: 'a symbolic link' };
  if (!st.isFile()) return { ok: false, why: 'not a regular file' };
  if (st.size > MAX_INPUT_BYTES) return { ok: false, why: `over ${MAX_INPUT_BYTES} bytes` };
  return { ok: true, bytes: await fsp.readFile(host) };
}

/**
 * grub.conf and the pair beside it as a guest's collector saw them (the
 * bundle saved in `file`, '-' for stdin): install decides from them exactly
 * as it does here or over SSH, and its replace writes the guest-side writer
 * (remote/writer.sh) to `script` instead of running it, for a fleet tool to
 * run on the guest (the Ansible role's raw task). That writer backs
 * grub.conf up and renames grub.conf.kvm's bytes over it only if grub.conf
 * and grub.conf.kvm there still hold the bytes decided from; so nothing is
 * installed on a guest whose files changed after the bundle was collected.
 */
export async function bundleConfDir(file: string, script: string): Promise<ConfDir> {
  const { unpacked, name } = await openBundleFile(file);
  // A run stopped by a signal runs no finally: the private copy goes then too.
  const forget = onAbort(() =>
    quietly(() => rmSync(unpacked.root, { recursive: true, force: true })),
  );
  const close = async (): Promise<void> => {
    await unpacked.cleanup();
    forget();
  };
  const guest = printable(name);
  const conf = located(unpacked, guest, file === '-' ? 'on stdin' : printable(file));
  if (typeof conf === 'string') {
    await close();
    throw new ToolError(conf);
  }
  return {
    guest: name,
    script,
    async read(suffixes, again) {
      const files = new Map<string, Beside>();
      for (const s of suffixes) files.set(s, await beside(unpacked, `${conf.realPath}${s}`));
      const state: ConfState = {
        shown: again?.shown ?? `${name}:${conf.configPath}`,
        real: conf.realPath,
        mode: conf.mode,
        uid: conf.uid,
        gid: conf.gid,
        files,
        // The collector does not list them: a name taken on the guest makes the writer refuse.
        backups: [],
      };
      return state;
    },
    async replace(state, req) {
      const who = `fix-clock-drift ${VERSION} from ${os.hostname()} at ${new Date().toISOString()}`;
      const text = buildWriterScript({ ...installWriteRequest(state, req), who });
      await writeFileAtomic(script, Buffer.from(text, 'latin1'), { mode: 0o600, force: true });
      return 'script';
    },
    show: (state, n) => `${name}:${splitReal(state.real).dir.replace(/\/$/, '')}/${n}`,
    close,
  };
}
