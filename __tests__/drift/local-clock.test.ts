import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_TOOL, readLocalClock } from '../../src/drift/local-clock.js';
import {
  parseChronyTracking,
  parseNtpqPeers,
  parseNtpqRv,
  parseTimedatectlShow,
  parseTimedatectlStatus,
} from '../../src/drift/local-clock-parse.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'local-clock');
const text = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
const ok = (name: string) => ({ code: 0, stdout: text(name), stderr: '' });

describe('parsers of the workstation clock tools', () => {
  it('chronyc tracking: Normal is synchronised, with the reference and the system time', () => {
    expect(parseChronyTracking(ok('chronyc-tracking-normal.txt'), 'chronyc -n tracking')).toEqual({
      synchronised: true,
      source: 'chronyc -n tracking',
      detail:
        'reference C0A80101 (192.168.1.1), stratum 3, system time 0.000006523 seconds slow of NTP time, leap status Normal',
    });
  });

  it('chronyc tracking: Not synchronised, and "506 Cannot talk to daemon" is unknown', () => {
    const s = parseChronyTracking(ok('chronyc-tracking-unsynchronised.txt'), 'c');
    expect(s.synchronised).toBe(false);
    expect(s.detail).toMatch(/leap status Not synchronised$/);
    const down = { code: 1, stdout: '', stderr: '506 Cannot talk to daemon\n' };
    expect(parseChronyTracking(down, 'c')).toEqual({
      synchronised: undefined,
      source: 'c',
      detail: '506 Cannot talk to daemon',
    });
  });

  it('ntpq -c rv: sync_ntp is synchronised (ntpd and NTPsec), leap_alarm is not', () => {
    expect(parseNtpqRv(ok('ntpq-rv-ntpd.txt'), 'n')).toEqual({
      synchronised: true,
      source: 'n',
      detail: 'status leap_none, sync_ntp, stratum 3, refid 192.0.2.10, offset -0.408622 ms',
    });
    expect(parseNtpqRv(ok('ntpq-rv-ntpsec.txt'), 'n').synchronised).toBe(true);
    const alarm = parseNtpqRv(ok('ntpq-rv-unsynchronised.txt'), 'n');
    expect(alarm.synchronised).toBe(false);
    expect(alarm.detail).toMatch(/^status leap_alarm, sync_unspec, stratum 16, refid INIT/);
    const refused = { code: 1, stdout: '', stderr: 'ntpq: read: Connection refused\n' };
    expect(parseNtpqRv(refused, 'n').synchronised).toBeUndefined();
  });

  it('ntpq -pn: the * peer is the system peer; none marked is not synchronised', () => {
    expect(parseNtpqPeers(ok('ntpq-pn-synced.txt'), 'p')).toEqual({
      synchronised: true,
      source: 'p',
      detail: 'system peer 192.0.2.10 (refid 192.0.2.1, stratum 2)',
    });
    expect(parseNtpqPeers(ok('ntpq-pn-no-system-peer.txt'), 'p')).toEqual({
      synchronised: false,
      source: 'p',
      detail: 'no system peer among 2 peers',
    });
  });

  it('timedatectl show: NTPSynchronized yes and no', () => {
    expect(parseTimedatectlShow(ok('timedatectl-show-synced.txt'), 't')).toEqual({
      synchronised: true,
      source: 't',
      detail: 'NTPSynchronized=yes, NTP service on',
    });
    expect(parseTimedatectlShow(ok('timedatectl-show-unsynchronised.txt'), 't')).toMatchObject({
      synchronised: false,
      detail: 'NTPSynchronized=no, NTP service off',
    });
  });

  it('timedatectl status: the systemd 252 and the systemd 219 wording', () => {
    expect(parseTimedatectlStatus(ok('timedatectl-status-systemd252.txt'), 't')).toMatchObject({
      synchronised: true,
      detail: 'System clock synchronized: yes, NTP service active',
    });
    expect(parseTimedatectlStatus(ok('timedatectl-status-systemd219.txt'), 't')).toMatchObject({
      synchronised: false,
      detail: 'NTP synchronized: no, NTP service yes',
    });
  });

  it('timedatectl without systemd as PID 1 is unknown, with its first line', () => {
    const out = { code: 1, stdout: '', stderr: text('timedatectl-no-systemd.stderr.txt') };
    expect(parseTimedatectlShow(out, 't')).toEqual({
      synchronised: undefined,
      source: 't',
      detail: "System has not been booted with systemd as init system (PID 1). Can't operate.",
    });
  });
});

/** Tools on a PATH of their own: shell scripts that print a fixture and exit as told. */
describe('readLocalClock with real processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-clock-tools-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `cases` maps the arguments, joined by spaces, to [fixture or '', stderr, exit status]. */
  function tool(name: string, cases: Record<string, [string, string, number]>): void {
    const arms = Object.entries(cases).map(([args, [fixture, stderr, code]], i) => {
      const out = fixture ? `/bin/cat '${path.join(fixtures, fixture)}'; ` : '';
      // stderr goes through a file: its text may hold any quote.
      const errFile = path.join(dir, `${name}.${i}.err`);
      writeFileSync(errFile, stderr ? `${stderr}\n` : '');
      return `  '${args}') ${out}/bin/cat '${errFile}' >&2; exit ${code} ;;`;
    });
    const script = `#!/bin/sh\ncase "$*" in\n${arms.join('\n')}\nesac\necho "unexpected: $*" >&2\nexit 2\n`;
    writeFileSync(path.join(dir, name), script, { mode: 0o755 });
  }

  it('says so when none of the tools is installed', async () => {
    expect(await readLocalClock({ path: dir })).toEqual(NO_TOOL);
    expect(NO_TOOL.detail).toBe('unknown: none of chronyc, ntpq, timedatectl found');
  });

  it('takes chronyc first when it answers', async () => {
    tool('chronyc', { '-n tracking': ['chronyc-tracking-normal.txt', '', 0] });
    tool('timedatectl', { show: ['timedatectl-show-unsynchronised.txt', '', 0] });
    expect(await readLocalClock({ path: dir })).toMatchObject({
      synchronised: true,
      source: 'chronyc -n tracking',
    });
  });

  it('passes over a chronyc whose daemon is down to ntpq, rv and peers together', async () => {
    tool('chronyc', { '-n tracking': ['', '506 Cannot talk to daemon', 1] });
    tool('ntpq', {
      '-n -c rv': ['ntpq-rv-ntpd.txt', '', 0],
      '-pn': ['ntpq-pn-synced.txt', '', 0],
    });
    expect(await readLocalClock({ path: dir })).toEqual({
      synchronised: true,
      source: 'ntpq -n -c rv',
      detail:
        'status leap_none, sync_ntp, stratum 3, refid 192.0.2.10, offset -0.408622 ms; system peer 192.0.2.10 (refid 192.0.2.1, stratum 2)',
    });
  });

  it('falls back from timedatectl show to status on an old systemd', async () => {
    tool('timedatectl', {
      show: ['', 'Unknown operation show', 1],
      status: ['timedatectl-status-systemd219.txt', '', 0],
    });
    expect(await readLocalClock({ path: dir })).toMatchObject({
      synchronised: false,
      source: 'timedatectl status',
    });
  });

  it('reports unknown with what each tool said when none can say', async () => {
    tool('chronyc', { '-n tracking': ['', '506 Cannot talk to daemon', 1] });
    tool('timedatectl', {
      show: [
        '',
        "System has not been booted with systemd as init system (PID 1). Can't operate.",
        1,
      ],
    });
    expect(await readLocalClock({ path: dir })).toEqual({
      synchronised: undefined,
      source: 'chronyc -n tracking',
      detail:
        "506 Cannot talk to daemon; also timedatectl show: System has not been booted with systemd as init system (PID 1). Can't operate.",
    });
  });

  it('does not fail on a tool it cannot start', async () => {
    writeFileSync(path.join(dir, 'chronyc'), 'not a program\n');
    chmodSync(path.join(dir, 'chronyc'), 0o644);
    const s = await readLocalClock({ path: dir });
    expect(s.synchronised).toBeUndefined();
    expect(s.source).toBe('chronyc -n tracking');
    expect(s.detail).toMatch(/^chronyc: permission denied/);
  });
});
