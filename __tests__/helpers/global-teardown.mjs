// Jest's globalTeardown: removes the directory global-setup.mjs made, and
// the Ansible tests' remote temp directory where the controller's own tasks
// (delegate_to: localhost) made it, if nothing is left in it (another run
// of the suite may be using it).
import { rmdirSync, rmSync } from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.FCD_TEST_KEYS;
  if (dir) rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync('/tmp/.fcd-ansible-remote');
  } catch {
    // Not there, or still in use.
  }
}
