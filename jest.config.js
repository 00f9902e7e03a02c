// ESM all the way: the package is "type": "module" because inquirer is ESM-only.
// Jest runs under --experimental-vm-modules (see the "test" script) and ts-jest
// transpiles each file on its own; type checking is `npm run typecheck`'s job.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 30000,
};
