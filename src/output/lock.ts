import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, errnoCode, fsReason, rootHint } from '../errors.js';
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

/**
 * A lock beside the output, so two runs on the same guest cannot interleave
 * their writes. Created exclusively with this process's pid; a lock whose
 * process is gone is stale and taken over. Released by the returned function,
 * and by the cleanup registry if the run is killed first.
 */
export async function acquireLock(output: string): Promise<() => Promise<void>> {
  const lock = path.join(path.dirname(output), `.${path.basename(output)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fsp.open(
        lock,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o600,
      );
      const release = own(lock);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return async () => {
        await fsp.rm(lock, { force: true });
        release();
      };
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST')
        throw new ToolError(
          `cannot create the lock ${lock}: ${fsReason(err)}${rootHint(err, 'write')}`,
        );
    }
    const pid = Number.parseInt(await fsp.readFile(lock, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(pid) && pid > 0 && isRunning(pid)) {
      throw new ToolError(
        `another fix-clock-drift run (pid ${pid}) is writing ${output}: wait for it to finish, or remove ${lock} if no run is going on`,
      );
    }
    // Stale: its process is gone (or it holds no pid at all).
    await fsp.rm(lock, { force: true });
  }
  throw new ToolError(
    `cannot take the lock ${lock}: it keeps reappearing; is another run starting?`,
  );
}
