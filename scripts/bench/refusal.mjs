// A case the tests once timed: an 8 GiB sparse grub.conf, which the CLI must
// refuse by its size before reading any of it (the tests check that it reads
// under 16 MiB; here its wall time is measured against a target).
import { closeSync, openSync, ftruncateSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SPARSE_BYTES = 8 * 1024 ** 3;

/** The sparse file, made once in the benchmark's temp dir; it takes no disk space. */
export function sparseGrubConf(tmp) {
  const file = path.join(tmp, 'sparse-8gib.conf');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, 'title A\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n');
    ftruncateSync(fd, SPARSE_BYTES);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** The refusal as a timed case: exit 1 is its success. */
export function refusalCase(cli, facts, file, runs) {
  return {
    id: 'cli.refuse-8gib',
    runs,
    memory: true,
    command: () => ({ cmd: cli, args: [...facts, '--grub-conf', file], okStatus: [1] }),
  };
}
