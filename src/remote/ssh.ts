import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printable } from '../shared/text.js';
import { configMayMention } from './config-scan.js';
import { onExit } from './exit-hooks.js';
import { type GuestShell, openGuestShell } from './guest-shell.js';
import {
  type MasterOptions,
  effectiveConfig,
  holdsSocket,
  isRunning,
  masterFailure,
  masterPid,
  spawnMaster,
} from './master.js';
import { ConnectionDroppedError, type RunResult } from './run-result.js';
import { checkTarget, parseSshCommand } from './ssh-command.js';
import { sshLines, sshOwn255 } from './ssh-failure.js';
import { notRunnable, runSsh, runSshSync } from './spawn-ssh.js';

export { ConnectionDroppedError, type CommandRunner, type RunResult } from './run-result.js';

export interface Session {
  /** [user@]host as given. */
  readonly target: string;
  /** The master ssh process (it holds the one connection), for diagnostics. */
  readonly masterPid: number | undefined;
  /** The private directory holding the control socket (removed by close()). */
  readonly controlDir: string;
  /** The guest's `sh`, open from the handshake to close(): scripts run there with no new channel. */
  readonly shell: GuestShell;
  /** Runs `command` by the guest's login shell over the master connection, with `stdin` as its input. */
  run(command: string, stdin?: string | Buffer): Promise<RunResult>;
  /**
   * Starts `command` over the master connection and hands back the ssh
   * process and its pipes, for exchanges that go back and forth (clock
   * samples); the caller ends it (stdin.end(), kill()).
   */
  spawn(command: string): ChildProcessWithoutNullStreams;
  /** Ends the master connection and removes the control directory. Safe to call twice. */
  close(): Promise<void>;
}

export interface SessionOptions extends MasterOptions {
  /** Replaces `ssh`, like rsync's -e: e.g. "ssh -F cfg -p 2222". */
  sshCommand?: string;
}

/**
 * Opens one SSH connection to a guest with the system's OpenSSH client (so
 * ~/.ssh/config, agents, jump hosts and known_hosts work as the administrator
 * set them), kept as a master in a private control directory; every run()
 * goes over it, with no new handshake. Failures to connect become one-line
 * ToolErrors; an old sshd gets the options that enable its algorithms.
 */
export async function openSession(target: string, opts: SessionOptions): Promise<Session> {
  checkTarget(target);
  const ssh = parseSshCommand(opts.sshCommand);
  // Our defaults go only where the configuration leaves them unset: asking
  // ssh -G is needed only when some file or argument names them.
  const config = configMayMention(ssh, ['connecttimeout', 'serveraliveinterval'])
    ? effectiveConfig(ssh, target)
    : new Map<string, string>();
  // A socket path must fit in 108 bytes, and ssh expands % in ControlPath:
  // a long or odd TMPDIR falls back to /tmp.
  const base = os.tmpdir().length > 60 || os.tmpdir().includes('%') ? '/tmp' : os.tmpdir();
  const dir = mkdtempSync(path.join(base, 'fcd-ssh-'));
  const socket = path.join(dir, 'cm');
  const control = ['-o', `ControlPath=${socket}`];
  let pid: number | undefined;
  let started = false;
  let child: ChildProcessWithoutNullStreams | undefined;
  // Found in /proc when first needed (or while the guest works: below).
  const pidNow = () => {
    if (pid === undefined && started) pid = masterPid(ssh, target, control, socket, child?.pid);
    return pid;
  };
  const closeNow = () => {
    // A run ending before the first exchange (an early session not taken)
    // may find the master already gone to the background.
    if (!started && existsSync(socket)) started = true;
    // SIGTERM ends the master as `ssh -O exit` does (it closes the connection
    // and removes its socket), without starting another ssh to ask it.
    const master = pidNow();
    if (master !== undefined && isRunning(master) && holdsSocket(master, socket))
      process.kill(master, 'SIGTERM');
    else if (started)
      runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'exit', '--', target]);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill();
      // Its end needs no waiting for: the run is over, and the master it
      // would report on is already told to go.
      for (const s of [child.stdin, child.stdout, child.stderr]) s.destroy();
      child.unref();
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(closeNow);
  let shell: GuestShell;
  try {
    const c = spawnMaster(ssh, target, control, opts, config);
    child = c;
    let spawnError: Error | undefined;
    c.once('error', (e) => (spawnError = e));
    shell = openGuestShell(c, target, () => !isRunning(pidNow()));
    // The first exchange says the connection is up; the socket, that the master is.
    const ready = await shell.run('sh -s', ':').catch((e: unknown) => e);
    started = existsSync(socket);
    if (spawnError) throw notRunnable(ssh.program, spawnError);
    if (!started) {
      const stderr = ready instanceof ConnectionDroppedError ? ready.stderr : readyStderr(ready);
      throw await masterFailure(ssh, target, stderr, opts.interactive);
    }
  } catch (err) {
    forget();
    closeNow();
    throw err;
  }
  // The master's pid is wanted only at the end: found while the guest runs the first script.
  setImmediate(pidNow);
  let closed = false;
  const dropped = (what: string, r?: { stdout: Buffer; stderr: string }) =>
    new ConnectionDroppedError(
      `the connection to guest ${printable(target)} dropped ${what}`,
      r?.stdout ?? Buffer.alloc(0),
      r?.stderr ?? '',
    );
  // A client of the master: no handshake, no prompt.
  const muxArgs = (command: string) => {
    if (closed) throw new Error(`session to ${target} is closed`);
    if (!isRunning(pidNow())) throw dropped('before the command could start');
    const mux = ['-o', 'ControlMaster=no', '-o', 'BatchMode=yes'];
    return [...control, ...mux, ...ssh.args, '-T', '--', target, command];
  };
  return {
    target,
    controlDir: dir,
    shell,
    spawn(command) {
      return spawn(ssh.program, muxArgs(command), { stdio: 'pipe' });
    },
    get masterPid() {
      return pidNow();
    },
    async run(command, stdin) {
      const r = await runSsh(ssh.program, muxArgs(command), stdin === undefined ? {} : { stdin });
      if (r.code !== null && r.code !== 255)
        return { code: r.code, stdout: r.stdout, stderr: r.stderr };
      // 255 is also a remote command's own status: it is ssh's only if the master is gone or ssh said so.
      const masterGone =
        pidNow() === undefined
          ? () =>
              runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'check', '--', target])
                .code !== 0
          : () => !isRunning(pidNow());
      if (r.code === null || (await sshOwn255(r.stderr, masterGone))) {
        const line = sshLines(r.stderr)[0];
        throw dropped(`while running a command${line ? ` (${printable(line)})` : ''}`, r);
      }
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    },
    async close() {
      if (closed) return;
      closed = true;
      forget();
      shell.close();
      closeNow();
    },
  };
}

function readyStderr(r: unknown): string {
  return typeof r === 'object' && r !== null && 'stderr' in r && typeof r.stderr === 'string'
    ? r.stderr
    : '';
}
