import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWriterScript, type WriteRequest } from '../../src/remote/write-script.js';

/**
 * The shape a later `install` sends the same writer (issue 12): a backup
 * copied from grub.conf on the guest (never replacing one), then grub.conf
 * replaced by the reviewed file, both only if grub.conf and grub.conf.kvm
 * are what was reviewed, synced before and after the rename; any failure
 * puts grub.conf back and removes the backup.
 */

const OLD = Buffer.from('default=0\r\ntitle caf\xe9\r\n\tkernel /vmlinuz ro\r\n', 'latin1');
const NEW = Buffer.from('default=0\r\ntitle caf\xe9\r\n\tkernel /vmlinuz ro notsc\r\n', 'latin1');
const BACKUP = 'grub.conf.bak-20240102-030405';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function guest(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-install-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'grub.conf'), OLD);
  chmodSync(path.join(dir, 'grub.conf'), 0o600);
  writeFileSync(path.join(dir, 'grub.conf.kvm'), NEW);
  return dir;
}

function install(dir: string): WriteRequest {
  return {
    dir,
    files: [
      { name: BACKUP, bytes: OLD, copyOf: 'grub.conf', replace: false },
      { name: 'grub.conf', bytes: NEW, replace: true },
    ],
    mode: 0o600,
    uid: 0,
    gid: 0,
    force: false,
    expect: [
      { name: 'grub.conf', bytes: OLD },
      { name: 'grub.conf.kvm', bytes: NEW },
    ],
    sync: true,
    lockName: '.grub.conf.kvm.lock',
  };
}

function run(shell: string[], script: string, pathPrefix?: string) {
  const env = {
    ...process.env,
    PATH: pathPrefix ? `${pathPrefix}:${process.env.PATH}` : process.env.PATH,
  };
  const r = spawnSync(shell[0]!, shell.slice(1), { input: Buffer.from(script, 'latin1'), env });
  return { code: r.status, stdout: r.stdout.toString('latin1') };
}

test.each([
  ['dash', ['dash', '-s']],
  ['busybox sh', ['busybox', 'sh', '-s']],
  ['bash --posix', ['bash', '--posix', '-s']],
])('%s: backs grub.conf up and replaces it, as one step', (_name, shell) => {
  const dir = guest();
  const r = run(shell, buildWriterScript(install(dir)));
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/FCDW put 1 new\nFCDW put 2 replaced\nFCDW placed\nFCDW done\n$/);
  expect(readFileSync(path.join(dir, 'grub.conf')).equals(NEW)).toBe(true);
  expect(readFileSync(path.join(dir, BACKUP)).equals(OLD)).toBe(true);
  expect(statSync(path.join(dir, BACKUP)).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir).sort()).toEqual([BACKUP, 'grub.conf', 'grub.conf.kvm'].sort());
  // Run again: grub.conf is no longer what was reviewed, and the backup exists.
  const again = run(shell, buildWriterScript(install(dir)));
  expect(again.code).toBe(1);
  expect(again.stdout).toMatch(/FCDW changed 1 different\n/);
});

test.each([
  ['dash', ['dash', '-s']],
  ['bash --posix', ['bash', '--posix', '-s']],
])(
  '%s: a failed rename puts everything back: grub.conf as it was, no backup, no temp file',
  (_name, shell) => {
    const dir = guest();
    // An mv that fails, found first on PATH (dash and bash look there; busybox sh runs its own applet).
    const bin = path.join(dir, '..', `${path.basename(dir)}-bin`);
    mkdirSync(bin);
    dirs.push(bin);
    writeFileSync(
      path.join(bin, 'mv'),
      '#!/bin/sh\necho "mv: cannot move: Input/output error" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const r = run(shell, buildWriterScript(install(dir)), bin);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FCDW put 1 new\nFCDW error place 2 mv: cannot move: Input\/output error\nFCDW undone\n$/,
    );
    expect(readFileSync(path.join(dir, 'grub.conf')).equals(OLD)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['grub.conf', 'grub.conf.kvm']);
  },
);
