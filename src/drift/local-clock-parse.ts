import { firstLine, printable } from '../shared/text.js';

/** Whether the workstation's own clock is synchronised, and by what account. */
export interface LocalClockStatus {
  /** Undefined when the tool that was asked could not say. */
  synchronised: boolean | undefined;
  /** The command that answered, e.g. "chronyc -n tracking"; "none" when no tool was found. */
  source: string;
  /** What it said, in one line. */
  detail: string;
}

/** A tool's output as it came back. */
export interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** "Key : value" and "Key: value" lines (chronyc tracking, timedatectl status). */
function colonFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return fields;
}

/** Why a tool gave no answer: its first line of output, or its exit status. */
function failure(out: ToolOutput): string {
  const line = firstLine(out.stderr) ?? firstLine(out.stdout);
  return line ? printable(line, 120) : `no output, exit status ${out.code}`;
}

/**
 * `chronyc -n tracking`. "Leap status : Not synchronised" (or a zero
 * reference ID) is unsynchronised; Normal, Insert second and Delete second are
 * synchronised. "506 Cannot talk to daemon" and the like: undefined.
 */
export function parseChronyTracking(out: ToolOutput, source: string): LocalClockStatus {
  const f = colonFields(out.stdout);
  const leap = f.get('leap status');
  if (out.code !== 0 || leap === undefined) {
    return { synchronised: undefined, source, detail: failure(out) };
  }
  const ref = f.get('reference id') ?? '';
  const unsynced = /^not synchroni[sz]ed$/i.test(leap) || /^0+\b/.test(ref);
  const parts = [
    ref && `reference ${ref}`,
    f.get('stratum') && `stratum ${f.get('stratum')}`,
    f.get('system time') && `system time ${f.get('system time')}`,
    `leap status ${leap}`,
  ];
  return {
    synchronised: !unsynced,
    source,
    detail: printable(parts.filter(Boolean).join(', '), 200),
  };
}

/** "key=value, key=value" variables of `ntpq -c rv`, over several lines. */
function ntpqVariables(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/([a-z_]+)=("[^"]*"|[^,\s]*)/g)) {
    if (m[1] && m[2] !== undefined) vars.set(m[1], m[2].replace(/^"|"$/g, ''));
  }
  return vars;
}

/**
 * `ntpq -n -c rv`: the status word's leap indicator and sync source.
 * leap_alarm (leap=11) or sync_unspec is unsynchronised.
 */
export function parseNtpqRv(out: ToolOutput, source: string): LocalClockStatus {
  const status = /status=[0-9a-f]{4}\s+(leap_\w+),\s*(sync_\w+)/i.exec(out.stdout);
  const vars = ntpqVariables(out.stdout);
  const leap = vars.get('leap');
  if (out.code !== 0 || (!status && leap === undefined)) {
    return { synchronised: undefined, source, detail: failure(out) };
  }
  const leapWord = status?.[1];
  const syncWord = status?.[2];
  const unsynced = leap === '11' || leapWord === 'leap_alarm' || syncWord === 'sync_unspec';
  const parts = [
    status ? `status ${leapWord}, ${syncWord}` : `leap=${leap}`,
    vars.get('stratum') && `stratum ${vars.get('stratum')}`,
    vars.get('refid') && `refid ${vars.get('refid')}`,
    vars.get('offset') && `offset ${vars.get('offset')} ms`,
  ];
  return {
    synchronised: !unsynced,
    source,
    detail: printable(parts.filter(Boolean).join(', '), 200),
  };
}

/**
 * `ntpq -pn`: the peer marked '*' (system peer) or 'o' (PPS peer) is the one
 * the clock follows; with none marked, ntpd is not synchronised.
 */
export function parseNtpqPeers(out: ToolOutput, source: string): LocalClockStatus {
  const lines = out.stdout.split(/\r?\n/);
  const rule = lines.findIndex((l) => /^={10,}/.test(l));
  if (out.code !== 0 || rule < 0) return { synchronised: undefined, source, detail: failure(out) };
  const peers = lines.slice(rule + 1).filter((l) => l.trim() !== '');
  const chosen = peers.find((l) => l.startsWith('*') || l.startsWith('o'));
  if (!chosen) {
    return {
      synchronised: false,
      source,
      detail: `no system peer among ${peers.length} peer${peers.length === 1 ? '' : 's'}`,
    };
  }
  const [remote = '', refid = '', stratum = ''] = chosen.slice(1).trim().split(/\s+/);
  return {
    synchronised: true,
    source,
    detail: printable(`system peer ${remote} (refid ${refid}, stratum ${stratum})`, 200),
  };
}

const YES_NO: Record<string, boolean> = { yes: true, no: false };

/** `timedatectl show` (systemd 239 and later): NTPSynchronized=yes|no, the kernel's own flag. */
export function parseTimedatectlShow(out: ToolOutput, source: string): LocalClockStatus {
  const vars = new Map<string, string>();
  for (const line of out.stdout.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) vars.set(line.slice(0, at), line.slice(at + 1).trim());
  }
  const synced = YES_NO[vars.get('NTPSynchronized') ?? ''];
  if (out.code !== 0 || synced === undefined) {
    return { synchronised: undefined, source, detail: failure(out) };
  }
  const ntp = vars.get('NTP');
  const service = ntp === undefined ? '' : `, NTP service ${ntp === 'yes' ? 'on' : 'off'}`;
  return {
    synchronised: synced,
    source,
    detail: `NTPSynchronized=${vars.get('NTPSynchronized')}${service}`,
  };
}

/**
 * `timedatectl status`: "System clock synchronized: yes" (systemd 239 and
 * later) or "NTP synchronized: yes" (older).
 */
export function parseTimedatectlStatus(out: ToolOutput, source: string): LocalClockStatus {
  const f = colonFields(out.stdout);
  const key = f.has('system clock synchronized') ? 'system clock synchronized' : 'ntp synchronized';
  const synced = YES_NO[f.get(key) ?? ''];
  if (out.code !== 0 || synced === undefined) {
    return { synchronised: undefined, source, detail: failure(out) };
  }
  const service = f.get('ntp service') ?? f.get('ntp enabled');
  const label = key === 'ntp synchronized' ? 'NTP synchronized' : 'System clock synchronized';
  return {
    synchronised: synced,
    source,
    detail: `${label}: ${f.get(key)}${service ? `, NTP service ${service}` : ''}`,
  };
}
