import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fse from 'fs-extra';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(REPO, 'dist/fix-clock-drift.js');
export const SAMPLES = path.join(REPO, 'samples');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Runs the built CLI as a child process, without a terminal, like CI does. */
export function runCli(
  args: string[],
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    timeout?: number;
    /** What the CLI reads on stdin (default: nothing). */
    input?: string | Buffer;
  } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    input: opts.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.timeout === undefined ? {} : { timeout: opts.timeout }),
  });
  return {
    code: r.status,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: r.stdout,
  };
}

const made: string[] = [];

/** A new directory under the system's temp dir, removed after the test file (see cleanup.ts). */
export function tempDir(prefix = 'fcd-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fse.removeSync(dir);
}

/** A private copy of a sample guest root, with grub.conf at 0600 as anaconda leaves it. */
export function copySample(name: string): { root: string; grubConf: string } {
  const root = path.join(tempDir(), name);
  fse.copySync(path.join(SAMPLES, name), root);
  const grubConf = path.join(root, 'boot/grub/grub.conf');
  if (fse.existsSync(grubConf)) fse.chmodSync(grubConf, 0o600);
  return { root, grubConf };
}

/** Applies a diff with GNU patch and returns the patched bytes. */
export function applyWithPatch(original: string, diffFile: string): Buffer {
  const dir = tempDir('fcd-patch-');
  try {
    const out = path.join(dir, 'patched');
    const r = spawnSync('patch', ['--quiet', '-o', out, original, diffFile], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`patch failed (${r.status}): ${r.stdout}${r.stderr}`);
    return fse.readFileSync(out);
  } finally {
    fse.removeSync(dir);
  }
}

/** What a run may have left in a directory: outputs and temp files, never the inputs. */
export function outputsIn(dir: string): string[] {
  return fse
    .readdirSync(dir)
    .filter((f) => /\.kvm|\.tmp$|\.diff$|\.lock$/.test(f))
    .sort();
}
