import { execFile } from 'node:child_process';
import { errnoCode, fsReason } from '../shared/errors.js';
import {
  parseChronyTracking,
  parseNtpqPeers,
  parseNtpqRv,
  parseTimedatectlShow,
  parseTimedatectlStatus,
  type LocalClockStatus,
  type ToolOutput,
} from './local-clock-parse.js';

export type { LocalClockStatus } from './local-clock-parse.js';

/** ntpq waits about 5 s for a daemon that is not there; more would only delay the report. */
const TIMEOUT_MS = 6000;

export const NO_TOOL: LocalClockStatus = {
  synchronised: undefined,
  source: 'none',
  detail: 'unknown: none of chronyc, ntpq, timedatectl found',
};

/** Runs a tool with the C locale; 'missing' when it is not installed. */
function runTool(cmd: string, args: string[], path?: string): Promise<ToolOutput | 'missing'> {
  const env = { ...process.env, LC_ALL: 'C', ...(path === undefined ? {} : { PATH: path }) };
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { env, timeout: TIMEOUT_MS, maxBuffer: 1 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (errnoCode(err) === 'ENOENT') return resolve('missing');
        if (!err) return resolve({ code: 0, stdout, stderr });
        // A number: it ran and failed. A string: it could not be started (EACCES ...).
        const code = typeof err.code === 'number' ? err.code : 1;
        const why = err.killed
          ? `${cmd} gave no answer in ${TIMEOUT_MS / 1000} s`
          : typeof err.code === 'string'
            ? `${cmd}: ${fsReason(err)}`
            : stderr;
        resolve({ code, stdout, stderr: why });
      },
    );
  });
}

type Ask = (cmd: string, args: string[]) => Promise<ToolOutput | 'missing'>;

async function chrony(ask: Ask): Promise<LocalClockStatus | undefined> {
  const out = await ask('chronyc', ['-n', 'tracking']);
  return out === 'missing' ? undefined : parseChronyTracking(out, 'chronyc -n tracking');
}

/** rv gives the status word; the peer list stands in when rv says nothing. */
async function ntp(ask: Ask): Promise<LocalClockStatus | undefined> {
  const [rv, peers] = await Promise.all([ask('ntpq', ['-n', '-c', 'rv']), ask('ntpq', ['-pn'])]);
  if (rv === 'missing' || peers === 'missing') return undefined;
  const status = parseNtpqRv(rv, 'ntpq -n -c rv');
  const peer = parseNtpqPeers(peers, 'ntpq -pn');
  if (status.synchronised === undefined) return peer;
  return peer.synchronised === undefined
    ? status
    : { ...status, detail: `${status.detail}; ${peer.detail}` };
}

/** `show` exists from systemd 239 on; older ones get `status`. */
async function timedatectl(ask: Ask): Promise<LocalClockStatus | undefined> {
  const show = await ask('timedatectl', ['show']);
  if (show === 'missing') return undefined;
  const shown = parseTimedatectlShow(show, 'timedatectl show');
  if (shown.synchronised !== undefined || !/unknown (operation|command verb)/i.test(shown.detail)) {
    return shown;
  }
  const status = await ask('timedatectl', ['status']);
  return status === 'missing' ? shown : parseTimedatectlStatus(status, 'timedatectl status');
}

/**
 * The workstation's clock sync status, from whichever of chronyc, ntpq and
 * timedatectl is installed (asked at once; the first in that order with a
 * yes or no answers). When none can say, the answer is undefined, named
 * after the first installed, with what each one said; when none is
 * installed, NO_TOOL. Never throws: the measurement stands without it.
 * `path` replaces PATH (tests).
 */
export async function readLocalClock(options: { path?: string } = {}): Promise<LocalClockStatus> {
  const ask: Ask = (cmd, args) => runTool(cmd, args, options.path);
  const found = (await Promise.all([chrony(ask), ntp(ask), timedatectl(ask)])).filter(
    (s): s is LocalClockStatus => s !== undefined,
  );
  const decided = found.find((s) => s.synchronised !== undefined);
  if (decided) return decided;
  const [head, ...rest] = found;
  if (!head) return NO_TOOL;
  const others = rest.map((s) => `; also ${s.source}: ${s.detail}`).join('');
  return { synchronised: undefined, source: head.source, detail: `${head.detail}${others}` };
}
