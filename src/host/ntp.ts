import { findNtpFiles, NTP_BINARIES, NTP_LINK_PLACES, type NtpFile } from '../facts/detect/ntp.js';
import type { NtpDaemon } from '../facts/detect/types.js';
import type { RootFs } from '../shared/rootfs.js';
import { looked } from './evidence.js';
import type { Evidence } from './types.js';

export type Daemon = NtpDaemon;

/**
 * Process names (/proc/<pid>/comm) of the daemons the document accepts.
 * NTPsec's daemon is also called ntpd.
 */
const COMMS: Record<string, Daemon> = { ntpd: 'ntpd', chronyd: 'chronyd' };

/** sd_booted() looks at /run/systemd/system; the other two tell an offline root that has systemd. */
const SYSTEMD_MARKS = ['/run/systemd/system', '/usr/lib/systemd/systemd', '/lib/systemd/systemd'];

/** systemd-timesyncd is an SNTP client, not one of the daemons the document means; shown, not counted. */
const TIMESYNCD_COMM = 'systemd-timesyn';
const TIMESYNCD_LINK = '/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service';

/** /proc/<pid>/comm files read at a time: a busy host has thousands of processes. */
const BATCH = 64;

export interface NtpState {
  /** Null when processes were not looked at (offline root) or /proc could not be listed. */
  running: { pid: number; daemon: Daemon }[] | null;
  /** What the process scan looked at, or why it did not. */
  processEvidence: Evidence;
  enabled: NtpFile[];
  /** Directories and files looked at for start links. */
  linkPlaces: string[];
  installed: NtpFile[];
  /** The daemons' binaries, named when nothing at all is installed. */
  binaries: string[];
  /** The systemd mark found, if any. */
  systemd: string | undefined;
  /** systemd-timesyncd running or enabled, for the evidence. */
  timesyncd: Evidence[];
}

async function scanProcesses(
  fs: RootFs,
): Promise<{ running: NtpState['running']; evidence: Evidence; timesyncd: number[] }> {
  const proc = await fs.list('/proc');
  if (!proc.ok) return { running: null, evidence: looked(proc), timesyncd: [] };
  const pids = proc.names
    .sort()
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
  if (pids.length === 0) {
    return {
      running: null,
      evidence: { path: proc.path, found: 'no processes listed' },
      timesyncd: [],
    };
  }
  const running: { pid: number; daemon: Daemon }[] = [];
  const timesyncd: number[] = [];
  for (let i = 0; i < pids.length; i += BATCH) {
    await Promise.all(
      pids.slice(i, i + BATCH).map(async (pid) => {
        // A process may exit between the listing and the read: that is not an error.
        const r = await fs.readText(`/proc/${pid}/comm`, { max: 64, encoding: 'latin1' });
        if (!r.ok) return;
        const comm = r.text.trim();
        const daemon = COMMS[comm];
        if (daemon) running.push({ pid, daemon });
        if (comm === TIMESYNCD_COMM) timesyncd.push(pid);
      }),
    );
  }
  running.sort((a, b) => a.pid - b.pid);
  const found =
    running.length > 0
      ? running.map((p) => `${p.daemon} (pid ${p.pid})`).join(', ')
      : `no ntpd or chronyd among ${pids.length} processes`;
  return { running, evidence: { path: fs.hostPath('/proc/*/comm'), found }, timesyncd };
}

/**
 * ntpd's or chronyd's state on the host: running processes (only when
 * `live`: an offline root has no processes), and the start links and
 * installed files the guest detection reads too (chkconfig links in
 * runlevels 3 and 5, systemd multi-user.target.wants links).
 */
export async function readNtp(fs: RootFs, live: boolean): Promise<NtpState> {
  const scan = live
    ? await scanProcesses(fs)
    : {
        running: null,
        evidence: { path: fs.hostPath('/proc'), found: 'not looked at: not the running system' },
        timesyncd: [],
      };

  const { enabled, installed } = await findNtpFiles(fs);

  let systemd: string | undefined;
  for (const mark of SYSTEMD_MARKS) {
    if (mark.startsWith('/run/') && !live) continue;
    if (await fs.exists(mark, false)) {
      systemd = fs.hostPath(mark);
      break;
    }
  }

  const timesyncd: Evidence[] = [];
  if (scan.timesyncd.length > 0) {
    timesyncd.push({
      path: fs.hostPath(`/proc/${scan.timesyncd[0]}/comm`),
      found: 'systemd-timesyncd is running (an SNTP client, not ntpd or chronyd)',
    });
  }
  if (await fs.exists(TIMESYNCD_LINK, false)) {
    timesyncd.push({
      path: fs.hostPath(TIMESYNCD_LINK),
      found: 'systemd-timesyncd is enabled (an SNTP client, not ntpd or chronyd)',
    });
  }

  return {
    running: scan.running,
    processEvidence: scan.evidence,
    enabled,
    linkPlaces: NTP_LINK_PLACES.map((d) => fs.hostPath(d)),
    installed,
    binaries: NTP_BINARIES.map((p) => fs.hostPath(p)),
    systemd,
    timesyncd,
  };
}
