import type { Fact } from '../facts/types.js';
import type { NtpStatus } from '../facts/detect/types.js';
import type { NtpProcessScan } from '../facts/detect/ntp-processes.js';
import type { CheckFinding, Evidence } from './types.js';

/** The document's commands for what is missing (chronyd on systemd: one systemctl command). */
function remedy(daemon: string, start: boolean, enable: boolean, systemd: boolean): string[] {
  if (daemon === 'chronyd' && systemd) return ['systemctl enable --now chronyd'];
  return [
    ...(start ? [`service ${daemon} start`] : []),
    ...(enable ? [`chkconfig ${daemon} on`] : []),
  ];
}

/**
 * ntpd (or chronyd) running and started at boot, as the seed document asks
 * of a guest ("service ntpd start", "chkconfig ntpd on").
 */
export function ntpFinding(scan: NtpProcessScan, status: Fact<NtpStatus>): CheckFinding {
  const s = status.value;
  const running = scan.running;
  const evidence: Evidence[] = [
    { source: scan.evidence.path, found: scan.evidence.found },
    {
      source: status.source,
      found: status.note ?? (s?.daemon ? `${s.daemon}` : 'no NTP daemon installed'),
    },
  ];
  const daemon = s?.daemon ?? running?.[0]?.daemon ?? 'ntpd';
  const isRunning = running === null ? null : running.length > 0;
  const enabled = s?.enabled ?? false;
  const data = { daemon, running: isRunning, enabled };
  if (isRunning === null)
    return {
      id: 'ntp',
      status: 'unknown',
      summary: `whether ${daemon} runs could not be told (${scan.evidence.found})${enabled ? `; it starts at boot` : ''}`,
      evidence,
      data,
    };
  if (isRunning && enabled)
    return {
      id: 'ntp',
      status: 'ok',
      summary: `${daemon} is running and starts at boot`,
      evidence,
      data,
    };
  const systemd = /systemd|\.service/.test(status.source);
  const what =
    !isRunning && !enabled
      ? 'neither running nor started at boot'
      : !isRunning
        ? 'not running (it starts at boot)'
        : 'running, but not started at boot';
  return {
    id: 'ntp',
    status: 'fail',
    summary: `${daemon} is ${what}: the guest's clock is not kept by NTP${!isRunning ? '' : ' after the next boot'}`,
    evidence,
    remedy: remedy(daemon, !isRunning, !enabled, systemd),
    data,
  };
}
