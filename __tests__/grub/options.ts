import { DEFAULT_OPTIONS, type Options } from '../../src/shared/options.js';

/**
 * A command line's options for the GRUB stage tests, with the facts given
 * (RHEL 5.4 x86_64 without kvm-clock: notsc lpj=2394000). The defaults are
 * src/shared's, not src/cli's: each test file would load the CLI's module graph.
 */
export function grubOptions(more: Partial<Options> = {}): Options {
  return {
    ...DEFAULT_OPTIONS,
    yes: true,
    release: '5.4',
    arch: 'x86_64',
    pvclock: false,
    lpj: 2394000,
    ...more,
  };
}
