import { contentProblem } from '../shared/input.js';
import { ToolError } from '../shared/errors.js';
import { backupName } from './backups.js';
import { describeChange, type LineChange } from './pair.js';
import type { Beside, ConfDir, ConfState, ReplaceDone } from './types.js';
import { splitReal } from './types.js';
import { verifyInstall } from './verify.js';

/**
 * `script`: from a facts bundle, the checks passed and the writer that
 * replaces grub.conf on the guest was written to a file; nothing was
 * replaced yet (that is the fleet tool's, when it runs the writer there).
 */
export type InstallOutcome =
  'installed' | 'already-installed' | 'restored' | 'already-restored' | 'declined' | 'script';

/** What install or rollback did, for the prose and JSON reports. */
export interface InstallResult {
  command: 'install' | 'rollback';
  /** The guest over SSH; null for files here. */
  guest: string | null;
  /** grub.conf as given or found. */
  grubConf: string;
  /** The file replaced (or not), symlinks followed. */
  real: string;
  outcome: InstallOutcome;
  /** The backup of grub.conf written before it was replaced; null when nothing was. */
  backup: string | null;
  /** Rollback: the backup restored (or that would have been). */
  restored: string | null;
  /** Outcome `script`: the file holding the writer that replaces grub.conf on the guest. */
  script: string | null;
  /** Install: what the new grub.conf adds to the old, line by line. */
  changes: LineChange[];
  /** Install: grub.conf as the diff records it (the file grub.conf.kvm was made from). */
  madeFrom: { sha256: string; bytes: number } | null;
  mode: number;
  owner: { uid: number; gid: number };
}

export interface RunOptions {
  /** Asks the person at the terminal; absent: --yes (no question). */
  ask?: (question: string, details: string[]) => Promise<boolean>;
  /** The time the backup is named after (tests give it). */
  now?: () => Date;
}

function need(state: ConfState, dir: ConfDir, suffix: string, what: string): Buffer {
  const f = state.files.get(suffix) as Beside;
  if (f.ok) return f.bytes;
  const name = dir.show(state, `${splitReal(state.real).name}${suffix}`);
  throw new ToolError(
    f.why === 'missing'
      ? `refusing to install: there is no ${name}: ${what}`
      : `refusing to install: ${name} is ${f.why}: ${what}`,
  );
}

function base(command: InstallResult['command'], dir: ConfDir, state: ConfState): InstallResult {
  return {
    command,
    guest: dir.guest ?? null,
    grubConf: state.shown,
    real: dir.show(state, splitReal(state.real).name),
    outcome: 'declined',
    backup: null,
    restored: null,
    script: null,
    changes: [],
    madeFrom: null,
    mode: state.mode,
    owner: { uid: state.uid, gid: state.gid },
  };
}

/** The outcome of a replace: done here, or a writer emitted for the guest (nothing done yet). */
function finished(
  planned: InstallResult,
  dir: ConfDir,
  done: ReplaceDone,
  outcome: 'installed' | 'restored',
): InstallResult {
  return done === 'script'
    ? { ...planned, outcome: 'script', script: dir.script ?? null }
    : { ...planned, outcome };
}

/**
 * `install`: replaces grub.conf with the reviewed grub.conf.kvm beside it,
 * only when verifyInstall says it is safe, after a backup; a grub.conf that
 * already is grub.conf.kvm is left alone and said to be.
 */
export async function runInstall(dir: ConfDir, opts: RunOptions): Promise<InstallResult> {
  const state = await dir.read(['', '.kvm', '.kvm.diff']);
  const { name } = splitReal(state.real);
  const result = base('install', dir, state);
  const old = need(state, dir, '', 'nothing to install');
  const kvm = need(
    state,
    dir,
    '.kvm',
    'run fix-clock-drift first (it writes grub.conf.kvm and its diff beside grub.conf), review the diff, then install',
  );
  if (old.equals(kvm)) return { ...result, outcome: 'already-installed' };
  const diff = need(
    state,
    dir,
    '.kvm.diff',
    'the diff records which grub.conf grub.conf.kvm was made from; run fix-clock-drift again, review the diff, then install',
  );
  const verified = await verifyInstall({
    conf: { name: result.real, bytes: old },
    kvm: { name: dir.show(state, `${name}.kvm`), bytes: kvm },
    diff: { name: dir.show(state, `${name}.kvm.diff`), bytes: diff },
  });
  const backup = backupName(name, (opts.now ?? (() => new Date()))(), state.backups);
  const planned: InstallResult = {
    ...result,
    changes: verified.changes,
    madeFrom: { sha256: verified.provenance.sha256, bytes: verified.provenance.bytes },
    backup: dir.show(state, backup),
  };
  const details = verified.changes.map(
    (c) => `line ${c.line} (entry ${c.entry} "${c.title}"): ${describeChange(c)}`,
  );
  const question = `Replace ${result.real} with ${dir.show(state, `${name}.kvm`)}, after backing it up to ${planned.backup}?`;
  if (opts.ask && !(await opts.ask(question, details)))
    return { ...planned, backup: null, outcome: 'declined' };
  const done = await dir.replace(state, {
    backup,
    old,
    next: kvm,
    expect: [
      { suffix: '', bytes: old },
      { suffix: '.kvm', bytes: kvm },
    ],
  });
  return finished(planned, dir, done, 'installed');
}

/** The backup asked for by name (or path) among those beside grub.conf. */
function chosen(state: ConfState, dir: ConfDir, asked: string | undefined): string {
  const { name } = splitReal(state.real);
  const there = state.backups;
  const where = dir.show(state, '');
  if (asked === undefined) {
    const newest = there[0];
    if (newest === undefined)
      throw new ToolError(
        `no backup of ${state.shown} to roll back to: there is no ${name}.bak-* in ${where}`,
      );
    return newest;
  }
  const wanted = asked.slice(asked.lastIndexOf('/') + 1);
  if (there.includes(wanted)) return wanted;
  throw new ToolError(
    `--backup ${asked}: there is no backup of that name in ${where} (${there.length ? `backups there, newest first: ${there.join(', ')}` : `there is no ${name}.bak-* at all`})`,
  );
}

/**
 * `rollback`: puts back the newest backup (or the one named), the same safe
 * way install replaces grub.conf: the current grub.conf is backed up first,
 * so a rollback can itself be rolled back.
 */
export async function runRollback(
  dir: ConfDir,
  asked: string | undefined,
  opts: RunOptions,
): Promise<InstallResult> {
  const listed = await dir.read([]);
  const pick = chosen(listed, dir, asked);
  const { name } = splitReal(listed.real);
  const suffix = pick.slice(name.length);
  const state = await dir.read(['', suffix], listed);
  const result = { ...base('rollback', dir, state), restored: dir.show(state, pick) };
  const current = need(state, dir, '', 'nothing to roll back');
  const saved = state.files.get(suffix) as Beside;
  if (!saved.ok)
    throw new ToolError(`cannot read the backup ${result.restored}: it is ${saved.why}`);
  const problem = contentProblem(saved.bytes);
  if (problem)
    throw new ToolError(
      `refusing to restore ${result.restored}: ${problem}; choose another backup with --backup`,
    );
  if (current.equals(saved.bytes)) return { ...result, outcome: 'already-restored' };
  const backup = backupName(name, (opts.now ?? (() => new Date()))(), state.backups);
  const planned = { ...result, backup: dir.show(state, backup) };
  const question = `Replace ${result.real} with ${result.restored}, after backing it up to ${planned.backup}?`;
  if (opts.ask && !(await opts.ask(question, []))) return { ...planned, backup: null };
  const done = await dir.replace(state, {
    backup,
    old: current,
    next: saved.bytes,
    expect: [
      { suffix: '', bytes: current },
      { suffix, bytes: saved.bytes },
    ],
  });
  return finished(planned, dir, done, 'restored');
}
