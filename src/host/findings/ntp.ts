import type { Daemon, NtpState } from '../ntp.js';
import type { Evidence, NtpFinding, RemedyStep } from '../types.js';

/**
 * The daemon the finding is about: the one that is both running and enabled,
 * else running, else enabled, else the one installed (chronyd only when
 * ntpd is not), else ntpd, which the document names.
 */
function pick(state: NtpState): Daemon {
  const score = (d: Daemon): number =>
    (state.running?.some((p) => p.daemon === d) ? 2 : 0) +
    (state.enabled.some((l) => l.daemon === d) ? 1 : 0);
  const best = (['ntpd', 'chronyd'] as const).reduce((a, b) => (score(b) > score(a) ? b : a));
  if (score(best) > 0) return best;
  const installed = new Set(state.installed.map((i) => i.daemon));
  return installed.has('chronyd') && !installed.has('ntpd') ? 'chronyd' : 'ntpd';
}

/** What the host is, for commands that fit it: a RHEL-like system, a Debian-like one, or another. */
export type HostKind = 'rhel' | 'debian' | 'other';

const RUN: Record<HostKind, string> = {
  rhel: 'Run:',
  debian: 'Run:',
  other: "Run (these are RHEL's commands: use your distribution's own where they differ):",
};

/**
 * The document's commands for ntpd (`service ntpd start`, `chkconfig ntpd
 * on`); chronyd on a systemd host gets the one systemctl command that does
 * both. With neither daemon installed, installing comes first: chrony with
 * apt-get on a Debian-like host (it starts and enables itself), else yum.
 */
function remedy(
  daemon: Daemon,
  systemd: boolean,
  start: boolean,
  enable: boolean,
  host: { kind: HostKind; installed: boolean } = { kind: 'rhel', installed: true },
): RemedyStep[] {
  if (!host.installed && host.kind === 'debian')
    return [
      {
        say: 'Install chrony (it starts now and at every boot):',
        lines: ['apt-get install chrony'],
      },
    ];
  const install = host.installed
    ? []
    : [daemon === 'chronyd' || systemd ? 'yum install chrony' : 'yum install ntp'];
  if ((daemon === 'chronyd' && systemd) || (!host.installed && systemd))
    return [{ say: RUN[host.kind], lines: [...install, 'systemctl enable --now chronyd'] }];
  const lines = [
    ...install,
    ...(start ? [`service ${daemon} start`] : []),
    ...(enable ? [`chkconfig ${daemon} on`] : []),
  ];
  return [{ say: RUN[host.kind], lines }];
}

/** The document: "The Network Time Protocol (NTP) daemon should be running on the host". */
export function ntpFinding(state: NtpState, live: boolean, kind: HostKind = 'rhel'): NtpFinding {
  const daemon = pick(state);
  const running = state.running === null ? null : state.running.some((p) => p.daemon === daemon);
  const links = state.enabled.filter((l) => l.daemon === daemon);
  const enabled = links.length > 0;
  const evidence: Evidence[] = [state.processEvidence];
  if (state.enabled.length > 0) {
    evidence.push(
      ...state.enabled.map((l) => ({ path: l.path, found: `start link for ${l.daemon}` })),
    );
  } else {
    evidence.push({
      path: state.linkPlaces.join(', '),
      found: 'no start link for ntpd or chronyd',
    });
  }
  if (!enabled && running !== true) {
    evidence.push(
      ...(state.installed.length > 0
        ? state.installed.map((i) => ({ path: i.path, found: `${i.daemon} installed` }))
        : [
            {
              path: state.binaries.join(', '),
              found: 'missing (no init script or unit file either)',
            },
          ]),
    );
  }
  const systemd = state.systemd !== undefined;
  if (daemon === 'chronyd' && state.systemd)
    evidence.push({ path: state.systemd, found: 'systemd' });
  evidence.push(...state.timesyncd);
  const data = { daemon, running, enabled };
  const base = { id: 'ntp' as const, evidence, data };

  if (enabled && running === true) {
    return { ...base, status: 'ok', summary: `${daemon} is running and starts at boot` };
  }
  if (enabled && running === null) {
    // An offline root runs nothing: enabled is all it can be, and it is what the next boot does.
    return live
      ? {
          ...base,
          status: 'unknown',
          summary: `${daemon} starts at boot; whether it runs now could not be told (no processes in /proc)`,
        }
      : {
          ...base,
          status: 'ok',
          summary: `${daemon} starts at boot (not checked whether it runs now: not the running system)`,
        };
  }
  if (enabled) {
    return {
      ...base,
      status: 'action',
      summary: `${daemon} starts at boot but is not running`,
      remedy: remedy(daemon, systemd, true, false, { kind, installed: true }),
    };
  }
  if (running === true) {
    return {
      ...base,
      status: 'action',
      summary: `${daemon} is running but does not start at boot`,
      remedy: remedy(daemon, systemd, false, true, { kind, installed: true }),
    };
  }
  const none =
    running === null
      ? 'neither ntpd nor chronyd starts at boot'
      : 'neither ntpd nor chronyd is running or starts at boot';
  return {
    ...base,
    status: 'action',
    summary: `${none}; the document: "The Network Time Protocol (NTP) daemon should be running on the host"`,
    remedy: remedy(daemon, systemd, true, true, { kind, installed: state.installed.length > 0 }),
  };
}
