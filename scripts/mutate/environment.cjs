/* eslint-disable @typescript-eslint/no-require-imports -- Stryker require()s the environment: it is CommonJS. */
// Jest's node environment, which skips the rest of a mutant run's tests once
// one has failed (see bail.cjs). Stryker calls handleTestEvent unbound: no `this`.
const { TestEnvironment } = require('jest-environment-node');
const run = require('./bail.cjs');

class BailingEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    // jest-circus reads test.mode after dispatching test_start.
    if (event.name === 'test_start' && run.failed()) event.test.mode = 'skip';
    if (event.name === 'test_done' && event.test.errors.length > 0) run.fail();
  }
}

module.exports = BailingEnvironment;
