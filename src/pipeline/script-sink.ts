import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import { writeFileAtomic } from '../output/write.js';
import { buildWriterScript } from '../remote/write.js';
import { pairRequest } from './pair-request.js';

/** Bytes of a guest file as the bundle brought it, or undefined when it had none. */
async function guestFile(root: string, guestPath: string): Promise<Buffer | undefined> {
  return fsp.readFile(path.join(root, guestPath)).catch(() => undefined);
}

/**
 * `--emit-writer FILE` with `--facts`: instead of writing the pair anywhere,
 * the guest-side writer that would write it beside grub.conf is put in FILE,
 * for a fleet tool to run on the guest (an Ansible `raw` task). What the
 * bundle says is already on the guest decides before: the same pair is
 * current, another is refused without --force.
 */
export function scriptSink(guest: string, root: string, file: string): OutputSink {
  return {
    where: guest,
    async isCurrent(pair: OutputPair) {
      const [kvm, diff] = await Promise.all([
        guestFile(root, pair.output),
        guestFile(root, pair.diffPath),
      ]);
      return (
        kvm?.equals(Buffer.from(pair.content, 'latin1')) === true &&
        diff?.equals(Buffer.from(pair.patch, 'latin1')) === true
      );
    },
    async check(output, diffPath, force) {
      if (force) return;
      for (const p of [output, diffPath])
        if ((await guestFile(root, p)) !== undefined)
          throw new ToolError(
            `refusing to replace ${guest}:${p}: it is already there (move it away on the guest, or give --force)`,
          );
    },
    async write(pair: OutputPair) {
      await this.check(pair.output, pair.diffPath, pair.force);
      const script = buildWriterScript(pairRequest(pair, guest));
      await writeFileAtomic(file, Buffer.from(script, 'latin1'), { mode: 0o600, force: true });
      return 'script' as const;
    },
  };
}
