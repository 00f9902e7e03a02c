// The command line of `npm run bench` and the sizes it measures.
import { parseArgs } from 'node:util';

export const SIZES = [10, 2000, 20000];
export const SMALL = 2000; // growth is measured from here ...
export const BIG = 20000; // ... to here.

const USAGE = `Usage: node scripts/bench.mjs [--runs N] [--quick] [--no-ssh] [--compare FILE]

  --runs N        runs per case (default 7, and 5 for ${BIG.toLocaleString('en-US')} entries)
  --quick         3 runs per case and shorter in-process timing
  --no-ssh        leave out the SSH case (a loopback sshd; needs root, sshd, busybox)
  --compare FILE  after measuring, print the deltas against an earlier results JSON
                  (e.g. bench/results/latest.json, read before it is replaced)
  -h, --help      show this help`;

export function benchOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-ssh': { type: 'boolean', default: false },
      compare: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) {
    console.error(`bench: --runs expects a whole number of at least 1, got ${values.runs}`);
    process.exit(2);
  }
  const fixed = runs ?? (values.quick ? 3 : undefined);
  const runsBySize = Object.fromEntries(SIZES.map((n) => [n, fixed ?? (n >= BIG ? 5 : 7)]));
  return {
    quick: values.quick,
    ssh: !values['no-ssh'],
    compare: values.compare,
    runsBySize,
    baselineRuns: fixed ?? 7,
    // In-process stage timing: a time budget rather than a count, so a slow
    // machine still gets enough passes without the 10-entry case taking ages.
    stageWarmupMs: values.quick ? 100 : 300,
    stageMeasureMs: values.quick ? 300 : 1000,
  };
}
