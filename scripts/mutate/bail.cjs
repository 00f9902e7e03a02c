// What the test files of one mutant run share (scripts/mutate/stryker.config.mjs):
// whether a test has failed yet. Stryker needs one failing test to call a
// mutant killed, but its Jest runner cannot bail (Jest has no programmatic
// bail), so every covering test ran even after the first one failed. The
// environment records a failure here, and it and the runner skip what is left.
//
// Keyed by the active mutant Stryker sets in the environment: the dry run
// (no mutant) never skips, and a failure is not carried to the next mutant.
const FAILED = Symbol.for('fix-clock-drift.mutate.failed');
const ACTIVE = '__STRYKER_ACTIVE_MUTANT__';

module.exports = {
  /** The mutant this run tests; undefined in the dry run. */
  mutant() {
    return process.env[ACTIVE];
  },
  reset() {
    globalThis[FAILED] = undefined;
  },
  fail() {
    const mutant = process.env[ACTIVE];
    if (mutant !== undefined) globalThis[FAILED] = mutant;
  },
  failed() {
    const mutant = process.env[ACTIVE];
    return mutant !== undefined && globalThis[FAILED] === mutant;
  },
};
