import { looked, type HostFs } from './host-fs.js';
import type { Evidence } from './types.js';

export type Daemon = 'ntpd' | 'chronyd';

/**
 * Process names (/proc/<pid>/comm) of the daemons the document accepts.
 * NTPsec's daemon is also called ntpd.
 */
const COMMS: Record<string, Daemon> = { ntpd: 'ntpd', chronyd: 'chronyd' };

/** Where chkconfig puts start links: /etc/rc3.d is a link to rc.d/rc3.d on RHEL, a directory on Debian. */
const RC_DIRS = ['/etc/rc.d/rc3.d', '/etc/rc.d/rc5.d', '/etc/rc3.d', '/etc/rc5.d'];
/** Debian names the init scripts ntp, ntpsec and chrony. */
const RC_LINK = /^S\d\d(ntpd|ntp|ntpsec|chronyd|chrony)$/;

const WANTS = '/etc/systemd/system/multi-user.target.wants';
const UNITS: Record<string, Daemon> = {
  'ntpd.service': 'ntpd',
  'ntp.service': 'ntpd',
  'ntpsec.service': 'ntpd',
  'chronyd.service': 'chronyd',
  'chrony.service': 'chronyd',
};

/** Installed but perhaps neither running nor enabled: tells which daemon the remedy should name. */
const INSTALLED: Record<Daemon, readonly string[]> = {
  ntpd: [
    '/usr/sbin/ntpd',
    '/etc/rc.d/init.d/ntpd',
    '/etc/init.d/ntpd',
    '/usr/lib/systemd/system/ntpd.service',
  ],
  chronyd: [
    '/usr/sbin/chronyd',
    '/etc/rc.d/init.d/chronyd',
    '/etc/init.d/chronyd',
    '/usr/lib/systemd/system/chronyd.service',
    '/lib/systemd/system/chrony.service',
  ],
};

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
  enabled: { daemon: Daemon; path: string }[];
  /** Directories and files looked at for start links. */
  linkPlaces: string[];
  installed: { daemon: Daemon; path: string }[];
  /** The daemons' binaries, named when nothing at all is installed. */
  binaries: string[];
  /** The systemd mark found, if any. */
  systemd: string | undefined;
  /** systemd-timesyncd running or enabled, for the evidence. */
  timesyncd: Evidence[];
}

async function scanProcesses(
  fs: HostFs,
): Promise<{ running: NtpState['running']; evidence: Evidence; timesyncd: number[] }> {
  const proc = await fs.list('/proc');
  if (!proc.ok) return { running: null, evidence: looked(proc), timesyncd: [] };
  const pids = proc.names.filter((n) => /^\d+$/.test(n)).map(Number);
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
        const r = await fs.readText(`/proc/${pid}/comm`, 64);
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
 * `live`: an offline root has no processes), chkconfig start links in
 * runlevels 3 and 5, systemd multi-user.target.wants links.
 */
export async function readNtp(fs: HostFs, live: boolean): Promise<NtpState> {
  const scan = live
    ? await scanProcesses(fs)
    : {
        running: null,
        evidence: { path: fs.hostPath('/proc'), found: 'not looked at: not the running system' },
        timesyncd: [],
      };

  const enabled: NtpState['enabled'] = [];
  const seen = new Set<string>();
  for (const dir of RC_DIRS) {
    // /etc/rc3.d and /etc/rc.d/rc3.d are usually one directory: count its links once.
    const real = await fs.resolve(dir);
    if (!real.ok || seen.has(real.path)) continue;
    seen.add(real.path);
    const l = await fs.list(dir);
    if (!l.ok) continue;
    for (const name of l.names) {
      const m = RC_LINK.exec(name);
      if (m)
        enabled.push({
          daemon: (m[1] as string).startsWith('chrony') ? 'chronyd' : 'ntpd',
          path: `${l.path}/${name}`,
        });
    }
  }
  for (const [unit, daemon] of Object.entries(UNITS)) {
    if (await fs.exists(`${WANTS}/${unit}`))
      enabled.push({ daemon, path: fs.hostPath(`${WANTS}/${unit}`) });
  }

  const installed: NtpState['installed'] = [];
  const real = new Set<string>();
  for (const daemon of ['ntpd', 'chronyd'] as const) {
    for (const p of INSTALLED[daemon]) {
      // /etc/init.d/ntpd is /etc/rc.d/init.d/ntpd through a link on RHEL: name it once.
      const r = await fs.resolve(p);
      if (!r.ok || real.has(r.path) || !(await fs.exists(p))) continue;
      real.add(r.path);
      installed.push({ daemon, path: fs.hostPath(p) });
    }
  }

  let systemd: string | undefined;
  for (const mark of SYSTEMD_MARKS) {
    if (mark.startsWith('/run/') && !live) continue;
    if (await fs.exists(mark)) {
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
  if (await fs.exists(TIMESYNCD_LINK)) {
    timesyncd.push({
      path: fs.hostPath(TIMESYNCD_LINK),
      found: 'systemd-timesyncd is enabled (an SNTP client, not ntpd or chronyd)',
    });
  }

  return {
    running: scan.running,
    processEvidence: scan.evidence,
    enabled,
    linkPlaces: ['/etc/rc.d/rc[35].d', '/etc/rc[35].d', WANTS].map((d) => fs.hostPath(d)),
    installed,
    binaries: [INSTALLED.ntpd[0], INSTALLED.chronyd[0]].map((p) => fs.hostPath(p as string)),
    systemd,
    timesyncd,
  };
}
