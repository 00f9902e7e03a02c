import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { legacyError, parseMismatch, type Mismatch } from './legacy.js';
import { onExit } from './exit-hooks.js';
import { checkTarget, parseSshCommand, type SshCommand } from './ssh-command.js';
import { connectFailure, sshLines } from './ssh-failure.js';
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
  /** Ends the master connection and removes the control directory. Safe to call twice. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Replaces `ssh`, like rsync's -e: e.g. "ssh -F cfg -p 2222". */
  sshCommand?: string;
  /** A person is there to type a password or passphrase; otherwise BatchMode=yes, so nothing can wait for one. */
  interactive: boolean;
  /** How long the master stays after its last command if this process cannot close it (killed). Default 600 s. */
  persistSeconds?: number;
}

/** The effective ssh_config for the target (`ssh -G`), or nothing if this ssh cannot tell. */
function effectiveConfig(ssh: SshCommand, target: string): Map<string, string> {
  const r = runSshSync(ssh.program, [...ssh.args, '-G', '--', target]);
  const config = new Map<string, string>();
  if (r.code !== 0) {
    if (/illegal option|unknown option|invalid option/i.test(r.stderr)) return config;
    throw connectFailure(target, r.stderr, false);
  }
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) config.set(line.slice(0, sp), line.slice(sp + 1));
  }
  return config;
}

/** Options of ours the administrator's configuration leaves unset: a dead link must not hang the run. */
function defaults(config: Map<string, string>): string[] {
  const opts: string[] = [];
  if ((config.get('connecttimeout') ?? 'none') === 'none') opts.push('-o', 'ConnectTimeout=20');
  if ((config.get('serveraliveinterval') ?? '0') === '0')
    opts.push('-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=4');
  return opts;
}

/** What this ssh supports (`ssh -Q kex`, ...), asked once per query. */
function supported(ssh: SshCommand): (query: string) => string[] {
  const known = new Map<string, string[]>();
  return (q) => {
    let list = known.get(q);
    if (!list) {
      list = runSshSync(ssh.program, ['-Q', q]).stdout.toString('utf8').split('\n').filter(Boolean);
      known.set(q, list);
    }
    return list;
  };
}

/**
 * After "Unable to negotiate", learns every part of the handshake the guest
 * needs old algorithms for: each probe adds what the last one lacked and
 * stops at the next mismatch, or at the host key check, which fails on
 * purpose (an empty known_hosts, checked strictly): nothing logs in.
 */
async function probeLegacy(
  ssh: SshCommand,
  target: string,
  first: Mismatch,
  query: (q: string) => string[],
): Promise<Mismatch[]> {
  const found = [first];
  for (let i = 0; i < 4; i++) {
    const enable = found
      .filter((m) => m.offer.length)
      .flatMap((m) => ['-o', `${m.option}=+${m.offer.join(',')}`]);
    const probe = [
      ...['-o', 'BatchMode=yes', '-o', 'ControlMaster=no', '-o', 'ControlPath=none'],
      ...['-o', 'UserKnownHostsFile=/dev/null', '-o', 'GlobalKnownHostsFile=/dev/null'],
      ...[
        '-o',
        'KnownHostsCommand=none',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'VerifyHostKeyDNS=no',
      ],
      ...enable,
      ...ssh.args,
      ...['-T', '--', target, 'true'],
    ];
    const r = await runSsh(ssh.program, probe);
    const next = r.code === 255 ? parseMismatch(r.stderr, query) : undefined;
    if (!next || found.some((m) => m.option === next.option)) break;
    found.push(next);
  }
  return found;
}

async function startMaster(
  ssh: SshCommand,
  target: string,
  dir: string,
  control: string[],
  opts: SessionOptions,
  config: Map<string, string>,
): Promise<void> {
  const errFile = path.join(dir, 'master.err');
  const fd = openSync(errFile, 'w', 0o600);
  let r;
  try {
    const args = [
      ...control,
      ...['-o', 'ControlMaster=yes', '-o', `ControlPersist=${opts.persistSeconds ?? 600}`],
      ...(opts.interactive ? [] : ['-o', 'BatchMode=yes']),
      ...defaults(config),
      ...ssh.args,
      ...['-N', '-f', '--', target],
    ];
    r = await runSsh(ssh.program, args, { stderrFd: fd });
  } finally {
    closeSync(fd);
  }
  if (r.code === 0) return;
  const stderr = readFileSync(errFile, 'utf8');
  const query = supported(ssh);
  const mismatch = parseMismatch(stderr, query);
  if (mismatch) throw legacyError(target, ssh, await probeLegacy(ssh, target, mismatch, query));
  throw connectFailure(target, stderr, opts.interactive);
}

/** The master's pid, from `ssh -O check` ("Master running (pid=N)"). */
function masterPid(ssh: SshCommand, target: string, control: string[]): number | undefined {
  const r = runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'check', '--', target]);
  const m = /pid=(\d+)/.exec(r.stderr);
  return m?.[1] ? Number(m[1]) : undefined;
}

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return true; // Unknown: let the command find out.
  try {
    // A killed master that nobody has reaped yet is a zombie: gone for us.
    if (/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'latin1'))) return false;
  } catch {
    // No /proc (not Linux), or the process is gone: kill(0) tells.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
  // A socket path must fit in 108 bytes: a long TMPDIR falls back to /tmp.
  const base = os.tmpdir().length > 60 ? '/tmp' : os.tmpdir();
  const dir = mkdtempSync(path.join(base, 'fcd-ssh-'));
  const control = ['-o', `ControlPath=${path.join(dir, 'cm')}`];
  let pid: number | undefined;
  const closeNow = () => {
    if (pid !== undefined)
      runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'exit', '--', target]);
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExit(closeNow);
  try {
    await startMaster(ssh, target, dir, control, opts, config);
    pid = masterPid(ssh, target, control);
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
  return {
    target,
    controlDir: dir,
    get masterPid() {
      return pid;
    },
    async run(command, stdin) {
      if (closed) throw new Error(`session to ${target} is closed`);
      if (!isRunning(pid)) throw dropped('before the command could start');
      const args = [
        ...control,
        '-o',
        'ControlMaster=no',
        '-o',
        'BatchMode=yes',
        ...ssh.args,
        '-T',
        '--',
        target,
        command,
      ];
      const r = await runSsh(ssh.program, args, stdin === undefined ? {} : { stdin });
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
