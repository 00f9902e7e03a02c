import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedObjects, withPrivateInterpreter } from '../../helpers/busybox.js';
import { tempDir } from '../../helpers/cli.js';
import { findLibfaketime, type FakeClock } from './fake-clock.js';

/** A shell word in single quotes. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A guest tree whose `date` reads a libfaketime clock: coreutils' date (a
 * dynamic program: busybox is static, and libfaketime works by preloading)
 * with its loader and libraries and libfaketime.so.1 under /.fcd, run by a
 * fake `date` with the clock's FAKETIME, FAKETIME_SHARED and
 * FAKETIME_DONT_RESET, so that every date on the guest reads the one clock
 * the test set. `noNano`: the guest's date does not know %N and prints it as
 * it is, as busybox's and old strftimes do. Returns the tree and the fake
 * `date` (a FakeGuestTools.fake entry). The clock's shared memory must be
 * visible in the guest's /dev/shm: see bindShm.
 */
export function faketimeGuest(clock: FakeClock, noNano = false): { root: string; date: string } {
  const root = path.join(tempDir('fcd-faketime-guest-'), 'guest');
  const fcd = path.join(root, '.fcd');
  mkdirSync(path.join(fcd, 'lib'), { recursive: true });
  mkdirSync(path.join(root, 'dev/shm'), { recursive: true });
  const date = '/usr/bin/date';
  const lib = findLibfaketime();
  const { interpreter, libraries } = sharedObjects(date);
  const ofLib = sharedObjects(lib).libraries;
  for (const l of new Set([...libraries, ...ofLib]))
    copyFileSync(l, path.join(fcd, 'lib', path.basename(l)));
  copyFileSync(lib, path.join(fcd, 'lib/libfaketime.so.1'));
  copyFileSync(interpreter, path.join(fcd, 'ld.so'));
  chmodSync(path.join(fcd, 'ld.so'), 0o755);
  writeFileSync(path.join(fcd, 'date.bin'), withPrivateInterpreter(date, interpreter));
  chmodSync(path.join(fcd, 'date.bin'), 0o755);
  const env = ['FAKETIME', 'FAKETIME_SHARED', 'FAKETIME_DONT_RESET']
    .map((k) => `${k}=${sq(String(clock.env[k]))}`)
    .join(' ');
  const drop = noNano
    ? `case "$1" in +*) set -- "$(printf '%s' "$1" | sed 's/%N/%%N/g')" ;; esac\n`
    : '';
  return {
    root,
    date: `${drop}LD_LIBRARY_PATH=/.fcd/lib LD_PRELOAD=/.fcd/lib/libfaketime.so.1 ${env} exec /.fcd/date.bin "$@"\n`,
  };
}

/**
 * Binds this machine's /dev/shm on the guest's, inside sshd's private mount
 * namespace (so only the guest's sessions see it, and it goes with sshd):
 * libfaketime's shared clock lives there.
 */
export function bindShm(sshdPid: number, root: string): void {
  execFileSync(
    'nsenter',
    ['-t', String(sshdPid), '-m', 'mount', '--bind', '/dev/shm', path.join(root, 'dev/shm')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}
