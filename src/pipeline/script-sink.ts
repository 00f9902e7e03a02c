import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import { writeFileAtomic } from '../output/write.js';
import { buildWriterScript } from '../remote/write.js';
import { bundleHoldsPair, refuseBundledPair } from './bundled-pair.js';
import { pairRequest } from './pair-request.js';

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
    isCurrent: (pair) => bundleHoldsPair(root, pair),
    check: (output, diffPath, force) => refuseBundledPair(guest, root, output, diffPath, force),
    async write(pair: OutputPair) {
      await this.check(pair.output, pair.diffPath, pair.force);
      const script = buildWriterScript(pairRequest(pair, guest));
      await writeFileAtomic(file, Buffer.from(script, 'latin1'), { mode: 0o600, force: true });
      return 'script' as const;
    },
  };
}
