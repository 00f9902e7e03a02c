import type { RootFs } from '../../shared/rootfs.js';
import type { NtpDaemon } from './types.js';

/**
 * Process names of the daemons the document accepts. NTPsec's daemon is
 * also called ntpd. systemd-timesyncd (an SNTP client) is told apart: shown,
 * never counted.
 */
const DAEMONS: Record<string, NtpDaemon> = { ntpd: 'ntpd', chronyd: 'chronyd' };
const TIMESYNCD = 'systemd-timesyn';

/** /proc/<pid> files read at a time: a busy system has thousands of processes. */
const BATCH = 64;

export interface NtpProcessScan {
  /** Null when processes could not be looked at (no /proc, or nothing listed). */
  running: { pid: number; daemon: NtpDaemon }[] | null;
  /** What was looked at and what was found there, for a report. */
  evidence: { path: string; found: string };
  /** Pids of systemd-timesyncd. */
  timesyncd: number[];
}

/**
 * A process's name: /proc/<pid>/comm (Linux 2.6.33 and later), else the
 * name in parentheses of /proc/<pid>/stat, which every kernel back to 2.4
 * has (RHEL 3 to 6 have no comm file).
 */
async function processName(
  fs: RootFs,
  pid: number,
): Promise<{ name: string; from: 'comm' | 'stat' } | undefined> {
  const comm = await fs.readText(`/proc/${pid}/comm`, { max: 64, encoding: 'latin1' });
  if (comm.ok) return { name: comm.text.trim(), from: 'comm' };
  const stat = await fs.readText(`/proc/${pid}/stat`, { max: 512, encoding: 'latin1' });
  if (!stat.ok) return undefined;
  // The name may itself hold ") ": the last one closes it.
  const open = stat.text.indexOf('(');
  const close = stat.text.lastIndexOf(')');
  return open >= 0 && close > open
    ? { name: stat.text.slice(open + 1, close), from: 'stat' }
    : undefined;
}

function summary(running: { pid: number; daemon: NtpDaemon }[], of: string): string {
  return running.length > 0
    ? running.map((p) => `${p.daemon} (pid ${p.pid})`).join(', ')
    : `no ntpd or chronyd among ${of}`;
}

/**
 * Which of ntpd and chronyd run, from the process names under <root>/proc.
 * A process that exits between the listing and the read is no error.
 */
export async function scanNtpProcesses(fs: RootFs): Promise<NtpProcessScan> {
  const proc = await fs.list('/proc');
  if (!proc.ok) {
    return {
      running: null,
      evidence: { path: proc.path, found: proc.missing ? 'missing' : proc.reason },
      timesyncd: [],
    };
  }
  const pids = proc.names
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
  if (pids.length === 0)
    return {
      running: null,
      evidence: { path: proc.path, found: 'no processes listed' },
      timesyncd: [],
    };
  const running: { pid: number; daemon: NtpDaemon }[] = [];
  const timesyncd: number[] = [];
  let fromStat = false;
  for (let i = 0; i < pids.length; i += BATCH) {
    await Promise.all(
      pids.slice(i, i + BATCH).map(async (pid) => {
        const p = await processName(fs, pid);
        if (p === undefined) return;
        if (p.from === 'stat') fromStat = true;
        const daemon = DAEMONS[p.name];
        if (daemon) running.push({ pid, daemon });
        if (p.name === TIMESYNCD) timesyncd.push(pid);
      }),
    );
  }
  running.sort((a, b) => a.pid - b.pid);
  return {
    running,
    evidence: {
      // Kernels before 2.6.33 have no comm: their names come from stat.
      path: fs.hostPath(fromStat ? '/proc/*/stat' : '/proc/*/comm'),
      found: summary(running, `${pids.length} processes`),
    },
    timesyncd: timesyncd.sort((a, b) => a - b),
  };
}

/**
 * The collector's `ntp-procs` command output: "processes N", then one
 * "PID NAME" line per ntpd or chronyd it found in /proc/<pid>/stat. Anything
 * else in it is ignored (it comes from the guest). `where` names the guest.
 */
export function parseCollectedProcesses(text: string | undefined, where: string): NtpProcessScan {
  const path = `${where}/proc/*/stat`;
  const count = text === undefined ? undefined : /^processes (\d+)$/m.exec(text)?.[1];
  if (text === undefined || count === undefined)
    return {
      running: null,
      evidence: { path, found: 'not collected (a collector older than this tool)' },
      timesyncd: [],
    };
  if (Number(count) === 0)
    return { running: null, evidence: { path, found: 'no processes listed' }, timesyncd: [] };
  const running: { pid: number; daemon: NtpDaemon }[] = [];
  for (const m of text.matchAll(/^(\d{1,9}) (ntpd|chronyd)$/gm))
    running.push({ pid: Number(m[1]), daemon: m[2] as NtpDaemon });
  running.sort((a, b) => a.pid - b.pid);
  return {
    running,
    evidence: { path, found: summary(running, `${count} processes`) },
    timesyncd: [],
  };
}
