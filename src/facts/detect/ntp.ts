import path from 'node:path';
import type { RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';
import { listOf } from '../../shared/text.js';
import type { NtpDaemon, NtpStatus } from './types.js';

/** The seed document's advice, word for word (RHEV 3.4 Administration Guide, 9.16.3). */
export const NTP_ADVICE = ['service ntpd start', 'chkconfig ntpd on'] as const;

/** A file that shows a daemon installed or started at boot, named as on this machine. */
export interface NtpFile {
  daemon: NtpDaemon;
  path: string;
}

export interface NtpFiles {
  /** chkconfig start links in runlevels 3 and 5, then systemd multi-user.target.wants links. */
  enabled: NtpFile[];
  /** Binaries, init scripts and unit files (ntpd's, then chronyd's), each real file named once. */
  installed: NtpFile[];
}

const BINARY: Record<NtpDaemon, string> = { ntpd: '/usr/sbin/ntpd', chronyd: '/usr/sbin/chronyd' };
/** The daemons' binaries: what a report names when nothing at all is installed. */
export const NTP_BINARIES: readonly string[] = [BINARY.ntpd, BINARY.chronyd];

/** Installed but perhaps not started at boot: tells which daemon the advice should name. */
const INSTALLED: Record<NtpDaemon, readonly string[]> = {
  ntpd: [
    BINARY.ntpd,
    '/etc/rc.d/init.d/ntpd',
    '/etc/init.d/ntpd',
    '/usr/lib/systemd/system/ntpd.service',
  ],
  chronyd: [
    BINARY.chronyd,
    '/etc/rc.d/init.d/chronyd',
    '/etc/init.d/chronyd',
    '/usr/lib/systemd/system/chronyd.service',
    '/lib/systemd/system/chrony.service',
  ],
};

/** Where chkconfig puts start links: /etc/rc3.d is a link to /etc/rc.d/rc3.d on RHEL, a directory elsewhere. */
const RC_DIRS = ['/etc/rc.d/rc3.d', '/etc/rc.d/rc5.d', '/etc/rc3.d', '/etc/rc5.d'];
/** Debian names the init scripts ntp, ntpsec and chrony. */
const RC_LINK = /^S\d\d(ntpd|ntp|ntpsec|chronyd|chrony)$/;

const SYSTEMD_WANTS = '/etc/systemd/system/multi-user.target.wants';
/** Debian names the units ntp.service, ntpsec.service and chrony.service. */
const UNITS: Record<string, NtpDaemon> = {
  'ntpd.service': 'ntpd',
  'ntp.service': 'ntpd',
  'ntpsec.service': 'ntpd',
  'chronyd.service': 'chronyd',
  'chrony.service': 'chronyd',
};

/** Where start links are looked for, as globs: what a report names when there are none. */
export const NTP_LINK_PLACES = ['/etc/rc.d/rc[35].d', '/etc/rc[35].d', SYSTEMD_WANTS] as const;

/**
 * The files under a root that show ntpd or chronyd installed (binary, init
 * script or unit file) and started at boot (a chkconfig S?? link in rc3.d or
 * rc5.d, or a multi-user.target.wants link). A guest's detection and the
 * host check both read them here.
 */
export async function findNtpFiles(fs: RootFs): Promise<NtpFiles> {
  const enabled: NtpFile[] = [];
  const seen = new Set<string>();
  const listings = await Promise.all(RC_DIRS.map((dir) => fs.list(dir)));
  for (const l of listings) {
    // /etc/rc3.d and /etc/rc.d/rc3.d are usually the same directory: count its links once.
    if (!l.ok || seen.has(l.real)) continue;
    seen.add(l.real);
    for (const name of [...l.names].sort()) {
      const m = RC_LINK.exec(name);
      if (m)
        enabled.push({
          daemon: (m[1] as string).startsWith('chrony') ? 'chronyd' : 'ntpd',
          path: path.join(l.path, name),
        });
    }
  }
  const units = Object.entries(UNITS);
  const wanted = await Promise.all(
    units.map(([unit]) => fs.exists(`${SYSTEMD_WANTS}/${unit}`, false)),
  );
  units.forEach(([unit, daemon], i) => {
    if (wanted[i]) enabled.push({ daemon, path: fs.hostPath(`${SYSTEMD_WANTS}/${unit}`) });
  });

  const candidates = (Object.keys(INSTALLED) as NtpDaemon[]).flatMap((daemon) =>
    INSTALLED[daemon].map((p) => ({ daemon, p })),
  );
  const resolved = await Promise.all(candidates.map(({ p }) => fs.resolve(p)));
  const installed: NtpFile[] = [];
  const real = new Set<string>();
  candidates.forEach(({ daemon, p }, i) => {
    const r = resolved[i];
    // /etc/init.d/ntpd is /etc/rc.d/init.d/ntpd through a link on RHEL: name it once.
    if (!r?.ok || real.has(r.path)) return;
    real.add(r.path);
    installed.push({ daemon, path: fs.hostPath(p) });
  });
  return { enabled, installed };
}

/**
 * Whether ntpd or chronyd is installed (binary, init script or unit file)
 * and started at boot (a chkconfig S??ntpd link in rc3.d or rc5.d, or a
 * multi-user.target.wants link).
 */
export async function detectNtp(fs: RootFs): Promise<Fact<NtpStatus>> {
  const etc = await fs.list('/etc');
  if (!etc.ok)
    return unknown(`${fs.hostPath('/etc')} (${etc.reason}): is ${fs.name} a guest root?`);

  const files = await findNtpFiles(fs);
  const daemons: NtpDaemon[] = ['ntpd', 'chronyd'];
  const of = (list: NtpFile[], d: NtpDaemon): string[] =>
    list.filter((f) => f.daemon === d).map((f) => f.path);
  const enabled = daemons.find((d) => of(files.enabled, d).length > 0);
  const installed = daemons.find((d) => of(files.installed, d).length > 0);
  const daemon = enabled ?? installed;
  const status: NtpStatus = {
    daemon,
    installed: daemon !== undefined && of(files.installed, daemon).length > 0,
    enabled: enabled !== undefined,
  };
  if (daemon === undefined) {
    return known(
      status,
      `none of ${listOf(INSTALLED.ntpd.map((p) => fs.hostPath(p)))}, chronyd's, or start links in ${fs.hostPath('/etc/rc.d/rc[35].d')}, ${fs.hostPath(SYSTEMD_WANTS)}`,
    );
  }
  const evidence = [...of(files.enabled, daemon), ...of(files.installed, daemon).sort()];
  return known(
    status,
    listOf(evidence),
    enabled ? `${daemon} starts at boot` : `${daemon} installed, not started at boot`,
  );
}

/** How a RHEL-like system installs a package, by its family and major release. */
function installCommand(
  pkg: string,
  family: string | undefined,
  major: number | undefined,
): string {
  // RHEL 3 and 4 came with up2date, not yum (their rebuilds had yum).
  if (family === 'rhel' && major !== undefined && major <= 4) return `up2date ${pkg}`;
  return `yum install ${pkg}`;
}

/**
 * What to run in a RHEL-like guest so it keeps time with NTP: nothing when a
 * daemon starts at boot; chronyd's systemd command when only chronyd is
 * there; the seed document's two commands when ntpd is installed; and when
 * neither is, installing first: ntp on RHEL 3 to 6 (up2date on RHEL 3 and 4),
 * chrony on 7 and later.
 */
export function ntpAdvice(
  status: NtpStatus | undefined,
  guest: { family?: string; release?: string } = {},
): string[] {
  if (status?.enabled) return [];
  if (status?.daemon === 'chronyd') return ['systemctl enable --now chronyd'];
  if (status === undefined || status.installed) return [...NTP_ADVICE];
  const major = guest.release === undefined ? undefined : Number(guest.release.split('.')[0]);
  if (major !== undefined && major >= 7)
    return [installCommand('chrony', guest.family, major), 'systemctl enable --now chronyd'];
  return [installCommand('ntp', guest.family, major), 'chkconfig ntpd on', 'service ntpd start'];
}
