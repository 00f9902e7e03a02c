import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import type { OutputPair } from '../output/outputs.js';

/**
 * What a guest's bundle says of the pair beside its grub.conf: the collector
 * sends an earlier grub.conf.kvm and its diff (roles grub-kvm, grub-kvm-diff),
 * so whether they are there, and with which bytes, needs no second trip to
 * the guest. The guest-side writer checks again when it writes: it never
 * replaces a file that appeared since, unless --force.
 */

/** Bytes of a guest file as the bundle brought it, or undefined when it had none. */
async function bundled(root: string, guestPath: string): Promise<Buffer | undefined> {
  return fsp.readFile(path.join(root, guestPath)).catch(() => undefined);
}

/** Whether the guest already holds this pair, byte for byte. */
export async function bundleHoldsPair(root: string, pair: OutputPair): Promise<boolean> {
  const [kvm, diff] = await Promise.all([bundled(root, pair.output), bundled(root, pair.diffPath)]);
  return (
    kvm?.equals(Buffer.from(pair.content, 'latin1')) === true &&
    diff?.equals(Buffer.from(pair.patch, 'latin1')) === true
  );
}

/** Refuses, unless --force, when either output is already on the guest. */
export async function refuseBundledPair(
  guest: string,
  root: string,
  output: string,
  diffPath: string,
  force: boolean,
): Promise<void> {
  if (force) return;
  for (const p of [output, diffPath])
    if ((await bundled(root, p)) !== undefined)
      throw new ToolError(
        `refusing to replace ${printable(guest)}:${printable(p)}: it is already there (move it away on the guest, or give --force)`,
      );
}
