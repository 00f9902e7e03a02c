import path from 'node:path';
import { known, unknown, type Fact } from '../types.js';
import type { GuestFs } from './guest-fs.js';
import { listOf } from './text.js';
import type { NtpDaemon, NtpStatus } from './types.js';

/** The seed document's advice, word for word (RHEV 3.4 Administration Guide, 9.16.3). */
export const NTP_ADVICE = ['service ntpd start', 'chkconfig ntpd on'] as const;

const INSTALLED: Record<NtpDaemon, readonly string[]> = {
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
  ],
};

/** Where chkconfig puts start links: /etc/rc3.d is a link to /etc/rc.d/rc3.d on RHEL, a directory elsewhere. */
const RC_DIRS = ['/etc/rc.d/rc3.d', '/etc/rc.d/rc5.d', '/etc/rc3.d', '/etc/rc5.d'];

const SYSTEMD_WANTS = '/etc/systemd/system/multi-user.target.wants';
/** Debian names the chrony unit chrony.service. */
const UNITS: Record<NtpDaemon, readonly string[]> = {
  ntpd: ['ntpd.service'],
  chronyd: ['chronyd.service', 'chrony.service'],
};

interface DaemonState {
  installed: string[];
  enabled: string[];
}

/**
 * Whether ntpd or chronyd is installed (binary, init script or unit file)
 * and started at boot (a chkconfig S??ntpd link in rc3.d or rc5.d, or a
 * multi-user.target.wants link).
 */
export async function detectNtp(fs: GuestFs): Promise<Fact<NtpStatus>> {
  const etc = await fs.list('/etc');
  if (!etc.ok)
    return unknown(`${fs.hostPath('/etc')} (${etc.reason}): is ${fs.root} a guest root?`);

  const state: Record<NtpDaemon, DaemonState> = {
    ntpd: { installed: [], enabled: [] },
    chronyd: { installed: [], enabled: [] },
  };
  const daemons = Object.keys(state) as NtpDaemon[];

  await Promise.all(
    daemons.flatMap((d) =>
      INSTALLED[d].map(async (p) => {
        if (await fs.exists(p)) state[d].installed.push(fs.hostPath(p));
      }),
    ),
  );

  const seen = new Set<string>();
  const listings = await Promise.all(RC_DIRS.map((dir) => fs.list(dir)));
  for (const l of listings) {
    // /etc/rc3.d and /etc/rc.d/rc3.d are usually the same directory: count its links once.
    if (!l.ok || seen.has(l.real)) continue;
    seen.add(l.real);
    for (const name of l.names) {
      const m = /^S\d\d(ntpd|chronyd)$/.exec(name);
      if (m) state[m[1] as NtpDaemon].enabled.push(path.join(l.path, name));
    }
  }
  await Promise.all(
    daemons.flatMap((d) =>
      UNITS[d].map(async (unit) => {
        const p = `${SYSTEMD_WANTS}/${unit}`;
        if (await fs.exists(p, false)) state[d].enabled.push(fs.hostPath(p));
      }),
    ),
  );

  for (const d of daemons) state[d].installed.sort();
  const enabled = daemons.find((d) => state[d].enabled.length > 0);
  const installed = daemons.find((d) => state[d].installed.length > 0);
  const daemon = enabled ?? installed;
  const status: NtpStatus = {
    daemon,
    installed: daemon !== undefined && state[daemon].installed.length > 0,
    enabled: enabled !== undefined,
  };
  if (daemon === undefined) {
    return known(
      status,
      `none of ${listOf(INSTALLED.ntpd.map((p) => fs.hostPath(p)))}, chronyd's, or start links in ${fs.hostPath('/etc/rc.d/rc[35].d')}, ${fs.hostPath(SYSTEMD_WANTS)}`,
    );
  }
  const evidence = [...state[daemon].enabled, ...state[daemon].installed];
  return known(
    status,
    listOf(evidence),
    enabled ? `${daemon} starts at boot` : `${daemon} installed, not started at boot`,
  );
}

/**
 * What to run in the guest so it keeps time with NTP: nothing when a daemon
 * starts at boot, chronyd's systemd command when only chronyd is there, the
 * seed document's two commands otherwise.
 */
export function ntpAdvice(status: NtpStatus | undefined): string[] {
  if (status?.enabled) return [];
  if (status?.daemon === 'chronyd') return ['systemctl enable --now chronyd'];
  return [...NTP_ADVICE];
}
