import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { legacyError, parseMismatch, type Mismatch } from './legacy.js';
import { type SshCommand } from './ssh-command.js';
import { connectFailure } from './ssh-failure.js';
import { runSsh, runSshSync } from './spawn-ssh.js';

/** What a session asks of its master connection. */
export interface MasterOptions {
  /** A person is there to type a password or passphrase; otherwise BatchMode=yes, so nothing can wait for one. */
  interactive: boolean;
  /** How long the master stays after its last command if this process cannot close it (killed). Default 600 s. */
  persistSeconds?: number;
}

/** The effective ssh_config for the target (`ssh -G`), or nothing if this ssh cannot tell. */
export function effectiveConfig(ssh: SshCommand, target: string): Map<string, string> {
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

/**
 * Starts the one connection: an ssh that, once in, leaves the master in the
 * background (ControlPersist) and stays as the client of a `sh -s` on the
 * guest, the run's shell (guest-shell.ts). The master and that shell come
 * from one handshake, with no second ssh to start for the first command.
 */
export function spawnMaster(
  ssh: SshCommand,
  target: string,
  control: string[],
  opts: MasterOptions,
  config: Map<string, string>,
): ChildProcessWithoutNullStreams {
  const args = [
    ...control,
    ...['-o', 'ControlMaster=yes', '-o', `ControlPersist=${opts.persistSeconds ?? 600}`],
    ...(opts.interactive ? [] : ['-o', 'BatchMode=yes']),
    ...defaults(config),
    ...ssh.args,
    // `sh -s` rather than `sh`: what a guest's login shell is asked to run stays what it was.
    ...['-T', '--', target, 'sh -s'],
  ];
  return spawn(ssh.program, args, { stdio: 'pipe' });
}

/** The one-line error for a master that did not start, from ssh's stderr. */
export async function masterFailure(
  ssh: SshCommand,
  target: string,
  stderr: string,
  interactive: boolean,
): Promise<Error> {
  const query = supported(ssh);
  const mismatch = parseMismatch(stderr, query);
  if (mismatch) return legacyError(target, ssh, await probeLegacy(ssh, target, mismatch, query));
  return connectFailure(target, stderr, interactive);
}

/**
 * Whether process `pid` is the master of this control socket: an ssh whose
 * command line names it, or (a master gone to the background from a session,
 * which renames itself) "ssh: SOCKET [mux]".
 */
export function holdsSocket(pid: number, socket: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    return (
      cmdline.split('\0').includes(`ControlPath=${socket}`) ||
      cmdline.replace(/[\0 ]+$/, '') === `ssh: ${socket} [mux]`
    );
  } catch {
    return false;
  }
}

/**
 * The master's pid: the process whose command line names our private
 * control socket, found in /proc (a few milliseconds, where a second ssh
 * would cost tens), else from `ssh -O check` ("Master running (pid=N)").
 */
export function masterPid(
  ssh: SshCommand,
  target: string,
  control: string[],
  socket: string,
  client?: number,
): number | undefined {
  let pids: string[] = [];
  try {
    // The session's own ssh (client) names the socket too: it is not the master.
    const not = new Set([process.pid, client]);
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && !not.has(Number(d)));
  } catch {
    // No /proc (not Linux): ask ssh.
  }
  const found = pids.map(Number).filter((pid) => holdsSocket(pid, socket));
  if (found.length === 1) return found[0];
  const r = runSshSync(ssh.program, [...control, ...ssh.args, '-O', 'check', '--', target]);
  const m = /pid=(\d+)/.exec(r.stderr);
  return m?.[1] ? Number(m[1]) : undefined;
}

export function isRunning(pid: number | undefined): boolean {
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
