import type { RootFs } from '../shared/rootfs.js';

/** Runs the guest's `dmesg`; resolves to its output or rejects with why not. */
export type DmesgRunner = () => Promise<string>;

/**
 * Where detection reads a guest from. Every probe in detect/ asks a source
 * and nothing else, so a guest read from its mounted root, from a bundle its
 * collector printed, or over SSH gives the same facts by the same code.
 * Each source is one module in sources/ (see README.md in this folder).
 */
export interface FactSource {
  /** Files under the guest's root, every path resolved inside it. */
  files: RootFs;
  /**
   * The guest is running and this is how it is seen: its /proc, /sys and
   * `dmesg` describe the kernel that runs now (`runningKernel`). A mounted
   * disk is not live: its /proc and /sys are empty and its logs are history.
   */
  live: boolean;
  /** The running kernel's log; only a live source has one. */
  dmesg?: DmesgRunner;
  /** `uname -r` of the running kernel; only a live source has one. */
  runningKernel?: string;
  /** `uname -m` of the system, when the source is that system itself. */
  machine?: string;
}
