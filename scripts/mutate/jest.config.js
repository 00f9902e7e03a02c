// The Jest config of `npm run mutate` (scripts/mutate/stryker.config.mjs): the tests that
// import the mutated stages (src/grub, src/rules, src/bootini, and plan/
// pipeline, which call them) in process. Tests that run the CLI run the
// bundle in dist/, which a mutant of src/ never reaches: they are left out,
// as they could only cost time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import base from '../../jest.config.js';

const STAGES = /from '(?:\.\.\/)+src\/(?:grub|rules|bootini|plan|pipeline)\//;
const RUNS_CLI = /\brunCli\w*\(|\[CLI\b|spawn(?:Sync)?\(process\.execPath/;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const file = path.join(dir, d.name);
    // The wizard's tests drive its prompts; they reach the stages only in passing.
    if (d.isDirectory()) return ['fixtures', 'wizard'].includes(d.name) ? [] : testFiles(file);
    return d.name.endsWith('.test.ts') ? [file] : [];
  });
}

const chosen = testFiles('__tests__').filter((f) => {
  const text = readFileSync(f, 'utf8');
  return STAGES.test(text) && !RUNS_CLI.test(text);
});

// Property tests at a tenth of their runs: each surviving mutant runs every
// test that covers it, and the full runs are npm test's job.
process.env.FC_RUNS_SCALE ??= '0.1';

/** @type {import('jest').Config} */
export default {
  ...base,
  // <rootDir> is the directory of the config file unless given: the repository's.
  rootDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  roots: ['<rootDir>/src', '<rootDir>/__tests__'],
  testMatch: chosen.map((f) => `<rootDir>/${f}`),
  // These tests start no sshd, so they need no run-wide key directory; and
  // Stryker kills a run that times out, which would leave that directory behind.
  globalSetup: undefined,
  globalTeardown: undefined,
};
