import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError, errnoCode, fsReason } from '../shared/errors.js';
import { MAX_INPUT_BYTES, readInput } from '../shared/input.js';
import { RootFs } from '../shared/rootfs.js';
import { listBackups } from './backups.js';
import { replaceLocal } from './local-replace.js';
import type { Beside, ConfDir, ConfState } from './types.js';

/** Where GRUB legacy's config is looked for, in the order the collector looks. */
const CANDIDATES = ['/boot/grub/grub.conf', '/boot/grub/menu.lst', '/etc/grub.conf'];

async function checkRoot(root: string): Promise<void> {
  const st = await fsp.stat(root).catch(() => undefined);
  if (!st?.isDirectory())
    throw new UsageError(`--root ${root}: not a directory (give the guest's mounted root, or /)`);
}

/**
 * grub.conf under the root, its symlinks followed inside the root (an
 * absolute link on a mounted guest disk leads into the disk, never to this
 * machine's own /boot): `given` is a path here, as --grub-conf gives it.
 */
async function locate(
  root: string,
  given: string | undefined,
): Promise<{ shown: string; real: string }> {
  const fs = new RootFs(root);
  let shown: string;
  let inRoot: RootFs = fs;
  let asked: string;
  if (given !== undefined) {
    shown = given;
    const rel = path.relative(fs.root, path.resolve(given));
    const inside = !fs.isHostRoot && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    inRoot = inside ? fs : new RootFs('/');
    asked = inside ? `/${rel}` : path.resolve(given);
  } else {
    const found = [];
    for (const c of CANDIDATES) if (await fs.exists(c, false)) found.push(c);
    if (found[0] === undefined)
      throw new ToolError(
        `no GRUB legacy config under ${fs.root}: none of ${CANDIDATES.map((c) => fs.hostPath(c)).join(', ')} exists (give --root or --grub-conf)`,
      );
    asked = found[0];
    shown = fs.hostPath(asked);
  }
  const r = await inRoot.resolve(asked);
  if (!r.ok)
    throw new ToolError(
      `cannot read ${shown}: ${r.missing ? 'no such file (or a symbolic link leading nowhere)' : r.reason} (give the guest's grub.conf with --grub-conf)`,
    );
  return { shown, real: r.path };
}

/** A file beside grub.conf, never through a symlink. */
async function beside(file: string): Promise<Beside> {
  let st;
  try {
    st = await fsp.lstat(file);
  } catch (e) {
    return { ok: false, why: errnoCode(e) === 'ENOENT' ? 'missing' : fsReason(e) };
  }
  if (st.isSymbolicLink()) return { ok: false, why: 'a symbolic link' };
  if (!st.isFile()) return { ok: false, why: 'not a regular file' };
  if (st.size > MAX_INPUT_BYTES) return { ok: false, why: `over ${MAX_INPUT_BYTES} bytes` };
  try {
    return { ok: true, bytes: await fsp.readFile(file) };
  } catch (e) {
    return { ok: false, why: fsReason(e) };
  }
}

/** grub.conf under a directory of this machine: a mounted guest disk, or / on the guest itself. */
export async function localConfDir(
  root: string,
  rootGiven: boolean,
  grubConf: string | undefined,
): Promise<ConfDir> {
  if (rootGiven) await checkRoot(root);
  return {
    async read(suffixes, again) {
      const where = again ?? (await locate(root, grubConf));
      const input = await readInput(where.real);
      const files = new Map<string, Beside>();
      for (const s of suffixes)
        files.set(
          s,
          s === '' ? { ok: true, bytes: input.bytes } : await beside(`${where.real}${s}`),
        );
      const names = await fsp.readdir(path.dirname(where.real)).catch(() => []);
      const state: ConfState = {
        shown: where.shown,
        real: where.real,
        mode: input.mode,
        uid: input.uid,
        gid: input.gid,
        files,
        backups: listBackups(path.basename(where.real), names),
      };
      return state;
    },
    replace: replaceLocal,
    show: (state, name) => path.join(path.dirname(state.real), name),
    async close() {},
  };
}
