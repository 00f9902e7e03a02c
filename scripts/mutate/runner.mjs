// Jest's runner, which loads no further test file once a test of the mutant
// run has failed (see bail.cjs): loading a file costs 0.2-0.4 s, as each one
// evaluates its whole module graph afresh.
import TestRunner from 'jest-runner';
import run from './bail.cjs';

export default class BailingRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    // Stryker runs Jest in band; only then is there an order to stop in.
    if (!options.serial) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (run.failed()) break;
      await super.runTests([test], watcher, options);
    }
  }
}
