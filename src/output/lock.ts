import {
  closeSync,
  constants,
  linkSync,
  openSync,
  promises as fsp,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, fsReason, rootHint } from '../shared/errors.js';
import { own } from './cleanup.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}

/** A lock file without a pid this young is one another run is still writing. */
const FRESH_MS = 30_000;

function cannotCreate(lock: string, err: unknown): ToolError {
  return new ToolError(`cannot create the lock ${lock}: ${fsReason(err)}${rootHint(err, 'write')}`);
}

/**
 * Creates the lock with this process's pid already in it: the pid goes to a
 * temp file that is then hard-linked to the lock's name, which fails if the
 * lock exists. So nobody ever sees a lock without a pid and takes it for
 * stale. File systems without hard links get an exclusive create instead.
 */
// Synchronous, as everything that creates or removes a file of a run (see
// write.ts): no creation is left in flight when a signal's handler removes it.
function tryCreate(lock: string): boolean {
  const tmp = `${lock}.${process.pid}.tmp`;
  const forget = own(tmp);
  try {
    writeFileSync(tmp, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(tmp, lock);
    return true;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS')
      throw cannotCreate(lock, err);
    try {
      const fd = openSync(
        lock,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o600,
      );
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return true;
    } catch (inner) {
      if (errnoCode(inner) === 'EEXIST') return false;
      throw cannotCreate(lock, inner);
    }
  } finally {
    rmSync(tmp, { force: true });
    forget();
  }
}

/**
 * A lock beside the output, so two runs on the same guest cannot interleave
 * their writes. A lock whose process is gone is stale and taken over.
 * Released by the returned function, and by the cleanup registry if the run
 * is killed first.
 */
export async function acquireLock(output: string): Promise<() => Promise<void>> {
  const lock = path.join(path.dirname(output), `.${path.basename(output)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lock)) {
      const release = own(lock);
      return async () => {
        rmSync(lock, { force: true });
        release();
      };
    }
    const held = `another fix-clock-drift run is writing ${output}: wait for it to finish, or remove ${lock} if no run is going on`;
    const text = await fsp.readFile(lock, 'utf8').catch(() => '');
    const pid = Number.parseInt(text, 10);
    if (Number.isSafeInteger(pid) && pid > 0) {
      if (isRunning(pid)) throw new ToolError(held.replace('run is', `run (pid ${pid}) is`));
    } else {
      const age = await fsp.stat(lock).then(
        (st) => Date.now() - st.mtimeMs,
        () => Infinity,
      );
      if (age < FRESH_MS) throw new ToolError(held);
    }
    // Stale: its process is gone, or it never got a pid and is old.
    rmSync(lock, { force: true });
  }
  throw new ToolError(
    `cannot take the lock ${lock}: it keeps reappearing, so another run is starting: wait for it and run again`,
  );
}
