import type { InputFile } from '../shared/input.js';
import type { Options } from '../shared/options.js';

/**
 * Where grub.conf.kvm and its diff go. A grub.conf reached through a
 * symlink (/etc/grub.conf -> ../boot/grub/grub.conf) is the link's target:
 * the outputs go beside it and the diff and the steps name it, so renaming
 * grub.conf.kvm over it replaces the real file, never the link.
 */
export function outputPaths(
  options: Options,
  input: InputFile,
  inputPath: string,
): { real: string; output: string; diffPath?: string } {
  const real = input.linkTarget ?? inputPath;
  const output = options.output ?? `${real}.kvm`;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  return diffPath === undefined ? { real, output } : { real, output, diffPath };
}
