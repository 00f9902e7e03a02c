// Jest's globalSetup: a directory for the run's shared test keys (see
// makeKey in ssh-keys.ts). Workers start after this and inherit the
// environment; global-teardown.mjs removes the directory. Plain JS: Jest
// loads these two outside its module system, where imports of .ts fail.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function globalSetup() {
  process.env.FCD_TEST_KEYS = mkdtempSync(path.join(os.tmpdir(), 'fcd-keys-'));
}
