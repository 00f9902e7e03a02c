import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { onExit } from './exit-hooks.js';
import {
  type MasterOptions,
  effectiveConfig,
  holdsSocket,
  isRunning,
  masterPid,
  startMaster,
} from './master.js';
import { checkTarget, parseSshCommand } from './ssh-command.js';
import { sshLines } from './ssh-failure.js';
import { runSsh, runSshSync } from './spawn-ssh.js';

export interface RunResult {
  /** The remote command's exit status. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** A command's connection went away before it finished; what it printed until then is kept. */
export class ConnectionDroppedError extends ToolError {
  constructor(
    message: string,
    readonly stdout: Buffer,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ConnectionDroppedError';
  }
}

export interface Session {
  /** [user@]host as given. */
  readonly target: string;
  /** The master ssh process (it holds the one connection), for diagnostics. */
  readonly masterPid: number | undefined;
  /** The private directory holding the control socket (removed by close()). */
  readonly controlDir: string;
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
  const config = effectiveConfig(ssh, target);
  // A socket path must fit in 108 bytes, and ssh expands % in ControlPath:
  // a long or odd TMPDIR falls back to /tmp.
  const base = os.tmpdir().length > 60 || os.tmpdir().includes('%') ? '/tmp' : os.tmpdir();
  const dir = mkdtempSync(path.join(base, 'fcd-ssh-'));
  const socket = path.join(dir, 'cm');
  const control = ['-o', `ControlPath=${socket}`];
  let pid: number | undefined;
  let started = false;
  const closeNow = () => {
    // SIGTERM ends the master as `ssh -O exit` does (it closes the connection
    // and removes its socket), without starting another ssh to ask it.
    if (pid !== undefined && isRunning(pid) && holdsSocket(pid, socket))
      process.kill(pid, 'SIGTERM');
    else if (started)
      runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'exit', '--', target]);
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(closeNow);
  try {
    await startMaster(ssh, target, dir, control, opts, config);
    started = true;
    pid = masterPid(ssh, target, control, socket);
  } catch (err) {
    forget();
    closeNow();
    throw err;
  }
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
    if (!isRunning(pid)) throw dropped('before the command could start');
    const mux = ['-o', 'ControlMaster=no', '-o', 'BatchMode=yes'];
    return [...control, ...mux, ...ssh.args, '-T', '--', target, command];
  };
  return {
    target,
    controlDir: dir,
    spawn(command) {
      return spawn(ssh.program, muxArgs(command), { stdio: 'pipe' });
    },
    get masterPid() {
      return pid;
    },
    async run(command, stdin) {
      const r = await runSsh(ssh.program, muxArgs(command), stdin === undefined ? {} : { stdin });
      if (r.code !== null && r.code !== 255)
        return { code: r.code, stdout: r.stdout, stderr: r.stderr };
      // 255 is also a remote command's own status: it is ssh's only if the master is gone or ssh said so.
      const masterGone =
        !isRunning(pid) ||
        runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'check', '--', target]).code !== 0;
      if (
        r.code === null ||
        masterGone ||
        /^(mux_client|Control socket|Connection to \S+ closed|ssh:|client_loop:)/m.test(r.stderr)
      ) {
        const line = sshLines(r.stderr)[0];
        throw dropped(`while running a command${line ? ` (${printable(line)})` : ''}`, r);
      }
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    },
    async close() {
      if (closed) return;
      closed = true;
      forget();
      closeNow();
    },
  };
}
