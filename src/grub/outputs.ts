import path from 'node:path';
import type { InputFile } from '../shared/input.js';
import type { GuestAccess } from '../output/guest.js';

export interface OutputPaths {
  /** The file the diff is made against, as it will be replaced: the real grub.conf. */
  real: string;
  /** grub.conf.kvm: on the guest when a sink writes there, else on this machine. */
  output: string;
  diffPath?: string;
}

/**
 * Where grub.conf.kvm and its diff go. A grub.conf reached through a
 * symlink (/etc/grub.conf -> ../boot/grub/grub.conf) is the link's target:
 * the outputs go beside it and the diff and the steps name it, so renaming
 * grub.conf.kvm over it replaces the real file, never the link. For a
 * remote guest the names are the guest's: the pair is written there (or,
 * from a facts bundle, in this directory, named after the guest).
 */
export function outputPaths(access: GuestAccess, input: InputFile, inputPath: string): OutputPaths {
  const { options } = access;
  const guest = input.guest;
  const real = guest ? guest.real : (input.linkTarget ?? inputPath);
  const fallback = !guest
    ? `${real}.kvm`
    : access.sink
      ? `${guest.real}.kvm`
      : `${guest.name}.${path.posix.basename(guest.real)}.kvm`;
  const output = options.output ?? fallback;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  return diffPath === undefined ? { real, output } : { real, output, diffPath };
}
