// ESM all the way: the package is "type": "module" because inquirer is ESM-only.
// Jest runs under --experimental-vm-modules (see the "test" script) and esbuild
// transpiles each file on its own; type checking is `npm run typecheck`'s job.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.sh'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': '<rootDir>/scripts/jest-ts-transform.cjs',
    // Shell scripts shipped in the bundle are imported as text (see scripts/build.mjs).
    '^.+\\.sh$': '<rootDir>/scripts/jest-text-transform.cjs',
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/helpers/cleanup.ts'],
  // A directory for the test sshds' key pairs, made once for the run (makeKey in ssh-keys.ts).
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.mjs',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.mjs',
  // The slow files first, even on a cold cache (see sequencer.mjs).
  testSequencer: '<rootDir>/__tests__/helpers/sequencer.mjs',
  testTimeout: 30000,
  // Jest's default is one worker fewer than the CPUs: on the 2-CPU machines
  // the suite runs on, that is one file at a time. Most files wait on child
  // processes (the CLI, shells, sshd), so a worker per CPU keeps both busy;
  // slow files start first (sequencer.mjs). Three workers on two CPUs were
  // not faster on a fresh clone (404 s against 361 s), and Jest reads a
  // percentage over 100 as a count ("150%" started 150 workers).
  maxWorkers: '100%',
};
