import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WriteRequest } from '../../src/remote/write.js';

/** Deterministic bytes covering every value 0..255 (a long file needs no randomness to be hard). */
export function allBytes(length: number): Buffer {
  const b = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = i < 256 ? i : x >>> 24;
  }
  return b;
}

/**
 * A grub.conf.kvm and diff as hard as they come: latin1 bytes, CRLF, the
 * characters printf and the shell treat specially, and (long) more than
 * 64 KiB with every byte value.
 */
export function hardPair(grubConf: Buffer, long = false): { kvm: Buffer; diff: Buffer } {
  const extra = Buffer.from(
    'title Linux caf\xe9 \\n %s %% \'q\' "d" $HOME `x`\r\n-dash\r\n\t0123\n',
    'latin1',
  );
  const kvm = Buffer.concat([grubConf, extra, long ? allBytes(70 * 1024) : Buffer.alloc(0)]);
  const diff = Buffer.from(
    `--- grub.conf\r\n+++ grub.conf.kvm\r\n@@ -1 +1 @@\r\n-kernel /vmlinuz\r\n+kernel /vmlinuz notsc caf\xe9\r\n\\ No newline at end of file`,
    'latin1',
  );
  return { kvm, diff };
}

/** The request for the pair beside a guest's grub.conf, with grub.conf's mode and owner, as the CLI makes it. */
export function pairRequest(
  view: string,
  files: { kvm: Buffer; diff: Buffer },
  force = false,
): WriteRequest {
  const grubConf = path.join(view, 'boot/grub/grub.conf');
  const st = statSync(grubConf);
  return {
    dir: '/boot/grub',
    files: [
      { name: 'grub.conf.kvm', bytes: files.kvm },
      { name: 'grub.conf.kvm.diff', bytes: files.diff },
    ],
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    force,
    expect: [{ name: 'grub.conf', bytes: readFileSync(grubConf) }],
    who: 'fix-clock-drift test',
  };
}

/** Every name in a directory, dot files included, sorted. */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}
