import os from 'node:os';
import { RootFs } from '../../shared/rootfs.js';
import { printable } from '../../shared/text.js';
import type { DmesgRunner, FactSource } from '../source.js';

export const runDmesg: DmesgRunner = async () => {
  // Loaded only on a live root: child_process costs a few ms at start-up.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(
      'dmesg',
      [],
      {
        timeout: 3000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'latin1',
        env: { ...process.env, LC_ALL: 'C' },
      },
      (err, stdout, stderr) => {
        if (err) reject(new Error(printable(stderr.split('\n')[0] || err.message, 120)));
        else resolve(stdout);
      },
    );
  });
};

export interface RootSourceOptions {
  /**
   * The root is the running system, so `dmesg` may be run and the running
   * kernel asked. Only ever true for this machine's own '/' (the default there).
   */
  live?: boolean;
  /** Stands in for running `dmesg` (tests). */
  dmesg?: DmesgRunner;
}

/**
 * A guest's files under a directory of this machine: a mounted guest disk,
 * or '/' when the tool runs on the guest itself (then the system is live).
 */
export function rootSource(root: string, opts: RootSourceOptions = {}): FactSource {
  const files = new RootFs(root);
  const live = (opts.live ?? files.isHostRoot) && files.isHostRoot;
  const source: FactSource = { files, live };
  if (live) {
    source.dmesg = opts.dmesg ?? runDmesg;
    source.runningKernel = os.release();
  }
  // uname -m describes this machine, so only when the root is this machine's.
  if (files.isHostRoot) source.machine = os.machine();
  return source;
}
