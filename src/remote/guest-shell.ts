import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { sshLines, sshOwn255 } from './ssh-failure.js';
import { ConnectionDroppedError, type RunResult } from './run-result.js';

/** One `sh` on the guest, kept open for the whole run: scripts go to it one after another. */
export interface GuestShell {
  readonly target: string;
  /**
   * Runs `script` (what `sh -s` would read) in a subshell of the guest's
   * shell and returns its output and status, as Session.run does for `sh -s`.
   * Only `sh -s` is accepted as the command: the shell is already there.
   */
  run(command: string, script?: string | Buffer): Promise<RunResult>;
  /** Ends the guest's shell (end of input); does not wait for it. Safe to call twice. */
  close(): void;
}

interface Pending {
  resolve: (r: RunResult) => void;
  reject: (e: Error) => void;
}

/**
 * The guest's shell on the ssh `child` that opened the connection (master.ts
 * spawnMaster), kept for the whole run: the collector and then the writer go
 * to it in turn, so each costs one exchange on a channel already open rather
 * than a new ssh client and channel. `lost` says whether the master is gone.
 *
 * Each script runs as `( script ) </dev/null`, then `echo MARK $?`:
 * - a subshell, so that its exit, traps, `set -f` and variables end with it
 *   and the shell is there for the next one;
 * - a compound command, so the shell parses all of it before running any of
 *   it: a script cut short in transit (the link dropped) never runs, as with
 *   `sh -s`;
 * - no stdin, so that nothing it runs can read the next script;
 * - MARK carries a nonce of this run: no file content the collector prints
 *   (hex or plain safe characters) nor a guest's banner can end a script early.
 */
export function openGuestShell(
  child: ChildProcessWithoutNullStreams,
  target: string,
  lost: () => boolean,
): GuestShell {
  const guest = printable(target);
  const mark = `__fcd_end_${randomBytes(8).toString('hex')}__`;
  const endRe = new RegExp(`${mark} (\\d+)\\n`);
  let out: Buffer = Buffer.alloc(0);
  let err = '';
  let pending: Pending | undefined;
  let ended: { code: number | null; stderr: string } | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out = out.length ? Buffer.concat([out, d]) : d;
    if (!pending) return;
    // Latin-1 keeps one character per byte: the index found is the byte offset.
    const m = endRe.exec(out.toString('latin1'));
    if (!m) return;
    const r: RunResult = { code: Number(m[1]), stdout: out.subarray(0, m.index), stderr: err };
    out = out.subarray(m.index + m[0].length);
    err = '';
    const p = pending;
    pending = undefined;
    p.resolve(r);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  // The guest's end may stop reading (it failed, or the link dropped): 'close' says which.
  child.stdin.on('error', () => undefined);
  const decide = async (p: Pending, code: number | null) => {
    // The shell itself ended (a script it could not parse, a kill on the
    // guest): its status is the script's, as with `sh -s`, unless it is
    // ssh's own 255 (as Session.run judges it).
    if (code !== null && !(code === 255 && (await sshOwn255(err, lost)))) {
      p.resolve({ code, stdout: out, stderr: err });
      return;
    }
    const line = sshLines(err)[0];
    p.reject(
      new ConnectionDroppedError(
        `the connection to guest ${guest} dropped while running a command${line ? ` (${printable(line)})` : ''}`,
        out,
        err,
      ),
    );
  };
  const finish = (code: number | null) => {
    ended ??= { code, stderr: err };
    const p = pending;
    pending = undefined;
    if (p) void decide(p, code);
  };
  child.on('error', (e) => {
    err += e.message;
    finish(null);
  });
  child.on('close', (code) => finish(code));
  return {
    target,
    run(command, script) {
      if (command !== 'sh -s' || script === undefined)
        throw new Error(`GuestShell runs scripts given as sh -s input, not ${command}`);
      if (pending) return Promise.reject(new Error('GuestShell: one script at a time'));
      // A shell that ended by itself (a login shell that is no sh) gives every
      // script what it gave the first, as `sh -s` would each time.
      if (ended && ended.code !== null && ended.code !== 255)
        return Promise.resolve({ code: ended.code, stdout: Buffer.alloc(0), stderr: ended.stderr });
      if (ended) {
        const line = sshLines(ended.stderr)[0];
        return Promise.reject(
          new ToolError(
            `the connection to guest ${guest} was lost before the next step could start${line ? ` (${printable(line)})` : ''}; nothing more was run there: run again`,
          ),
        );
      }
      return new Promise<RunResult>((resolve, reject) => {
        pending = { resolve, reject };
        err = '';
        const body = typeof script === 'string' ? Buffer.from(script, 'latin1') : script;
        child.stdin.write(
          Buffer.concat([
            Buffer.from('(\n'),
            body,
            Buffer.from(`\n) </dev/null\necho "${mark} $?"\n`),
          ]),
        );
      });
    },
    close() {
      if (!child.stdin.writableEnded) child.stdin.end();
    },
  };
}
