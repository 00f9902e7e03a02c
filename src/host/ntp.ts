import { findNtpFiles, NTP_BINARIES, NTP_LINK_PLACES, type NtpFile } from '../facts/detect/ntp.js';
import { scanNtpProcesses } from '../facts/detect/ntp-processes.js';
import type { NtpDaemon } from '../facts/detect/types.js';
import type { RootFs } from '../shared/rootfs.js';
import type { Evidence } from './types.js';

export type Daemon = NtpDaemon;

/** sd_booted() looks at /run/systemd/system; the other two tell an offline root that has systemd. */
const SYSTEMD_MARKS = ['/run/systemd/system', '/usr/lib/systemd/systemd', '/lib/systemd/systemd'];

/** systemd-timesyncd is an SNTP client, not one of the daemons the document means; shown, not counted. */
const TIMESYNCD_LINK = '/etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service';

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

/**
 * ntpd's or chronyd's state on the host: running processes (only when
 * `live`: an offline root has no processes), and the start links and
 * installed files the guest detection reads too (chkconfig links in
 * runlevels 3 and 5, systemd multi-user.target.wants links).
 */
export async function readNtp(fs: RootFs, live: boolean): Promise<NtpState> {
  const scan = live
    ? await scanNtpProcesses(fs)
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
