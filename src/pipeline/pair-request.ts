import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import type { OutputPair } from '../output/outputs.js';
import type { WriteRequest } from '../remote/write.js';

/**
 * What the guest-side writer is asked to do with an output pair: write
 * grub.conf.kvm and its diff beside grub.conf with grub.conf's mode and
 * owner, and nothing at all if grub.conf changed since it was read.
 */
export function pairRequest(pair: OutputPair, guest: string): WriteRequest {
  const dirOf = (p: string): string => path.posix.dirname(p);
  const dir = dirOf(pair.output);
  if (dirOf(pair.diffPath) !== dir)
    throw new ToolError(
      `on guest ${guest}, grub.conf.kvm and its diff go in one directory: ${dir}`,
    );
  const real = pair.input.guest?.real;
  return {
    dir,
    files: [
      { name: path.posix.basename(pair.output), bytes: Buffer.from(pair.content, 'latin1') },
      { name: path.posix.basename(pair.diffPath), bytes: Buffer.from(pair.patch, 'latin1') },
    ],
    mode: pair.input.mode,
    uid: pair.input.uid,
    gid: pair.input.gid,
    force: pair.force,
    ...(real !== undefined && dirOf(real) === dir
      ? { expect: [{ name: path.posix.basename(real), bytes: pair.input.bytes }] }
      : {}),
  };
}
