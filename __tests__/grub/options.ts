import type { Options } from '../../src/shared/options.js';

/**
 * A command line's options for the GRUB stage tests, with the facts given
 * (RHEL 5.4 x86_64 without kvm-clock: notsc lpj=2394000). Written out rather
 * than taken from src/cli, whose module graph each test file would load.
 */
export function grubOptions(more: Partial<Options> = {}): Options {
  return {
    root: '/',
    rootGiven: false,
    perEntry: false,
    explain: false,
    listRules: false,
    entries: { kind: 'all' },
    dryRun: false,
    json: false,
    force: false,
    yes: true,
    debug: false,
    release: '5.4',
    arch: 'x86_64',
    pvclock: false,
    lpj: 2394000,
    ...more,
  };
}
