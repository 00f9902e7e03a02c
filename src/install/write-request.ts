import type { WriteRequest } from '../remote/write.js';
import { splitReal, type ConfState, type ReplaceRequest } from './types.js';

/**
 * What the guest-side writer (remote/writer.sh) is asked to do to replace
 * grub.conf: copy it to the backup there (a new name, never replacing a
 * file), then rename the new content over it, both with grub.conf's mode and
 * owner, synced before and after the rename, under the lock a run writing
 * grub.conf.kvm takes, and nothing at all unless grub.conf and the files the
 * decision was made from still hold the bytes read. Over SSH it is sent at
 * once; from a bundle it is emitted for a fleet tool to run.
 */
export function installWriteRequest(state: ConfState, req: ReplaceRequest): WriteRequest {
  const { dir, name } = splitReal(state.real);
  return {
    dir,
    files: [
      { name: req.backup, copyOf: name, bytes: req.old, replace: false },
      { name, bytes: req.next, replace: true },
    ],
    mode: state.mode,
    uid: state.uid,
    gid: state.gid,
    force: false,
    expect: req.expect.map((e) => ({ name: `${name}${e.suffix}`, bytes: e.bytes })),
    sync: true,
    // The lock the run that writes grub.conf.kvm there takes.
    lockName: `.${name}.kvm.lock`,
  };
}
