import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import type { Session } from '../remote/ssh.js';
import type { ClockProbe, ProbeResult } from './probe.js';

/** A sample the guest has not answered in this long is a hung guest or link. */
export const SAMPLE_TIMEOUT_MS = 30_000;

/** What the shell prints after each command: its exit status, on a line of its own. */
const MARK = '__fcd_done__';

export interface SshClockProbe extends ClockProbe {
  /** Ends the guest's shell. */
  close(): Promise<void>;
}

/**
 * A ClockProbe over one SSH session: one `sh` started on the guest over the
 * master connection and kept for the whole measurement, so a sample costs
 * one line sent and one read, not a new channel and a new ssh process (their
 * set-up would widen every sample's round trip, and so its bound). Each
 * command's stdout and stderr come back together, followed by a marker line
 * with its exit status.
 */
export function sshClockProbe(session: Session, timeoutMs = SAMPLE_TIMEOUT_MS): SshClockProbe {
  const guest = printable(session.target);
  const child: ChildProcessWithoutNullStreams = session.spawn('sh');
  let buffer = '';
  let ended: string | undefined;
  let waiting: { resolve: (r: ProbeResult) => void; reject: (e: Error) => void } | undefined;
  let stderr = '';
  const fail = (why: string) => {
    ended ??= why;
    const w = waiting;
    waiting = undefined;
    w?.reject(new ToolError(`${why}; the measurement stopped (run drift again)`));
  };
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    // Output that does not end its last line (printf x) runs into the marker.
    const m = new RegExp(`${MARK} (\\d+)\\n`).exec(buffer);
    if (!m || !waiting) return;
    const stdout = buffer.slice(0, m.index);
    buffer = buffer.slice(m.index + m[0].length);
    const w = waiting;
    waiting = undefined;
    w.resolve({ code: Number(m[1]), stdout, stderr: '' });
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.on('error', () => undefined);
  child.on('error', (e) => fail(`cannot reach guest ${guest}: ${e.message}`));
  child.on('close', (code) => {
    const line = stderr.split(/\r?\n/).find((l) => l.trim());
    fail(
      `the connection to guest ${guest} ended during the measurement (ssh exit status ${code ?? 'none'}${line ? `: ${printable(line)}` : ''})`,
    );
  });
  return {
    run(command) {
      if (ended !== undefined) return Promise.reject(new ToolError(ended));
      if (waiting) return Promise.reject(new Error('sshClockProbe: one command at a time'));
      return new Promise<ProbeResult>((resolve, reject) => {
        const timer = setTimeout(
          () => fail(`guest ${guest} did not answer "${command}" within ${timeoutMs / 1000} s`),
          timeoutMs,
        );
        waiting = {
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        // A group, so that stderr of every command in it comes back.
        child.stdin.write(`{ ${command}\n} 2>&1; echo "${MARK} $?"\n`);
      });
    },
    async close() {
      if (ended === undefined) ended = 'closed';
      child.stdin.end();
      if (child.exitCode === null && child.signalCode === null)
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            child.kill();
            resolve();
          }, 2000);
          child.once('close', () => {
            clearTimeout(t);
            resolve();
          });
        });
    },
  };
}
