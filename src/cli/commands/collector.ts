import { EXIT_OK } from '../../shared/errors.js';
import { COLLECTOR_SCRIPT } from '../../facts/sources/collector.js';
import type { Subcommand } from './types.js';

/**
 * `fix-clock-drift collector`: prints the read-only POSIX sh script that, run
 * as root on a guest, prints the facts bundle `--facts` reads.
 */
export const collector: Subcommand = {
  name: 'collector',
  summary:
    "print the read-only sh script that collects a guest's facts (run it there, then use --facts)",
  description:
    "Prints the read-only POSIX sh collector: run it as root on a guest (sh collector.sh > guest.facts, or paste it on the guest's console) and give its output to --facts.",
  exitStatus: '0 printed, 2 usage error.',
  flags: [],
  async run() {
    process.stdout.write(COLLECTOR_SCRIPT);
    return EXIT_OK;
  },
};
