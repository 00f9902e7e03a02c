// `npm run mutate`: mutation testing of the boot-config stages (not part of
// npm test). Stryker 9 (10 needs Node 22) with its Jest runner, on the tests
// scripts/mutate/jest.config.js picks. Reports: reports/mutation/.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The symbolic links of the sample and fixture roots: Stryker's sandbox
 * copies each as a file, and fails on a link to a directory (etc/init.d ->
 * rc.d/init.d: EISDIR) or to a path only the guest has (ENOENT). The tests
 * it runs do not read them.
 */
function links(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    if (d.isSymbolicLink()) return [`/${file}`];
    return d.isDirectory() ? links(file) : [];
  });
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: {
    configFile: 'scripts/mutate/jest.config.js',
    enableFindRelatedTests: true,
    // A mutant run loads only the files holding its covering tests, cheapest
    // first, and stops at the first failing test (sequencer.mjs, bail.cjs).
    // Absolute paths: Stryker loads the environment itself, by this name.
    config: {
      testSequencer: here('./sequencer.mjs'),
      testEnvironment: here('./environment.cjs'),
      runner: here('./runner.mjs'),
    },
  },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code: the rule tables, the kernel table)
  // are 44% of the mutants and each needs every test run: about 3 hours
  // here. They are reported as ignored; tables.test.ts checks the tables
  // row by row against the documents.
  ignoreStatic: true,
  mutate: ['src/grub/**/*.ts', 'src/rules/**/*.ts', 'src/bootini/**/*.ts'],
  ignorePatterns: [
    'dist',
    'bench',
    'coverage',
    'reports',
    'out',
    ...links('samples'),
    ...links('__tests__/fixtures'),
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  concurrency: 2,
  // A mutant that loops forever is killed by this timeout; the default (5 s
  // beyond the tests' own time) is plenty for these in-process tests.
  timeoutMS: 5000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
