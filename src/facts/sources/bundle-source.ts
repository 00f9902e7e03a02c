import { RootFs } from '../../shared/rootfs.js';
import type { FactSource } from '../source.js';
import type { UnpackedBundle } from './unpack.js';

/**
 * A guest read from a facts bundle its collector printed, unpacked into a
 * private root. The collector ran on the live guest, so its dmesg and uname
 * stand for the running kernel's; messages name the guest (`label`), never
 * the private directory.
 */
export function bundleSource(unpacked: UnpackedBundle, label: string): FactSource {
  const files = new RootFs(unpacked.root, { label });
  const { live } = unpacked;
  const source: FactSource = { files, live: live.kernelRelease !== undefined };
  if (source.live) {
    source.runningKernel = live.kernelRelease;
    source.dmesg = async () => {
      if (live.dmesg === undefined) throw new Error('the collector got nothing from dmesg');
      return live.dmesg;
    };
  }
  if (live.machine !== undefined) source.machine = live.machine;
  return source;
}
