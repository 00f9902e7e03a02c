// Jest's globalTeardown: removes the directory global-setup.mjs made.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.FCD_TEST_KEYS;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
