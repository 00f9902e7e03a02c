import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

export async function startMaster(
  ssh: SshCommand,
  target: string,
  dir: string,
  control: string[],
  opts: MasterOptions,
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

/** Whether process `pid` is an ssh whose command line names this control socket. */
export function holdsSocket(pid: number, socket: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1')
      .split('\0')
      .includes(`ControlPath=${socket}`);
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
): number | undefined {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
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
