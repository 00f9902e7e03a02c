// What a benchmark result records about the machine and the checkout it ran on.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';

function git(repo, args) {
  const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function have(cmd) {
  return !spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error;
}

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The machine, the load on it before and after, and the commit measured. */
export function machineRecord(repo, loadBefore) {
  const cpus = os.cpus();
  return {
    schema: 1,
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', count: cpus.length },
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    // Other work on the machine (a test run, a build) skews every number: keep it on record.
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    commit: git(repo, ['rev-parse', '--short', 'HEAD']),
    gitDirty: (git(repo, ['status', '--porcelain']) ?? '') !== '',
  };
}
