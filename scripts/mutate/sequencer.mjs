// Which test files a mutant run loads, and in what order.
//
// Stryker runs a mutant with --findRelatedTests (every test file that imports
// the mutated file) and a test name pattern (the tests that cover the
// mutant). Jest loads each related file even when none of its tests match,
// and a load costs 0.2-0.4 s: on average 5.2 files were loaded a mutant for
// 3.5 with a covering test. The dry run (no pattern) records here the names
// and times of each file's tests; a mutant run then loads only the files with
// a name the pattern matches, with the RegExp jest-circus builds from it, so
// the same tests run. A file the record lacks is loaded (last). The cheapest
// files run first, so that a failure (see bail.cjs) spares the slow ones.
import fs from 'node:fs';
import path from 'node:path';
import Sequencer from '@jest/test-sequencer';
import run from './bail.cjs';

/** In the sandbox Stryker runs in; deleted with it. */
const recordFile = (rootDir) => path.join(rootDir, '.mutate-tests.json');

/** The record, or undefined before the dry run wrote it. */
function readRecord(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export default class MutantSequencer extends Sequencer {
  #pattern;
  #file;

  constructor(options) {
    super(options);
    // One sequencer a Jest run: a new mutant run starts with no failure.
    run.reset();
    this.#pattern = options.globalConfig.testNamePattern;
    this.#file = recordFile(options.globalConfig.rootDir);
  }

  sort(tests) {
    const record = this.#pattern ? readRecord(this.#file) : undefined;
    if (!record) return super.sort(tests);
    const pattern = new RegExp(this.#pattern, 'i');
    // What a file costs this run: its load, and the tests of it that run.
    const cost = new Map(
      tests.map((t) => {
        const file = record[t.path];
        if (!file?.tests.length) return [t, Infinity];
        const ran = file.tests.filter((x) => pattern.test(x.name));
        return [t, ran.length ? file.load + ran.reduce((n, x) => n + x.ms, 0) : -1];
      }),
    );
    return tests.filter((t) => cost.get(t) !== -1).sort((a, b) => cost.get(a) - cost.get(b));
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    // Only the dry run (no mutant, no pattern) runs every related test.
    if (this.#pattern || run.mutant() !== undefined) return;
    const record = readRecord(this.#file) ?? {};
    for (const file of results.testResults) {
      const tests = file.testResults.map((t) => ({ name: t.fullName, ms: t.duration ?? 0 }));
      const ms = tests.reduce((n, t) => n + t.ms, 0);
      record[file.testFilePath] = { tests, load: Math.max(0, file.perfStats.runtime - ms) };
    }
    // Renamed into place: a worker never reads half a record.
    fs.writeFileSync(`${this.#file}.${process.pid}`, JSON.stringify(record));
    fs.renameSync(`${this.#file}.${process.pid}`, this.#file);
  }
}
