// ESM all the way: the package is "type": "module" because inquirer is ESM-only.
// Jest runs under --experimental-vm-modules (see the "test" script) and esbuild
// transpiles each file on its own; type checking is `npm run typecheck`'s job.
import os from 'node:os';

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
  // processes (the CLI, shells, sshd, ansible-playbook) part of the time: with
  // a worker per CPU, 18 % of the CPU time went unused (a fresh clone: 361 s,
  // 10.6 CPU-minutes); with three workers on two CPUs, 9 % (322 s). Slow
  // files start first (sequencer.mjs). A number: Jest reads "150%" as 150.
  maxWorkers: Math.max(2, Math.round(os.availableParallelism() * 1.5)),
};
