import { EXIT_FAILURE, EXIT_OK } from '../shared/errors.js';
import { detectFacts } from '../facts/detect/index.js';
import { readKernelLog } from '../facts/detect/kernel-log.js';
import { sysfsSilent } from '../facts/detect/pvclock-decide.js';
import { readClocksourceSysfs } from '../facts/detect/pvclock.js';
import { kernelArgs, readDefaultLine } from './boot-config.js';
import { clockRules, clocksourceFinding, currentClock } from './clocksource.js';
import { cmdlineFinding, type ProcCmdline } from './cmdline.js';
import type { CheckGuest } from './guest.js';
import { ntpFinding } from './ntp.js';
import type { CheckReport } from './types.js';

export { factsGuest, localGuest, sshGuest, type CheckGuest } from './guest.js';
export { checkJson, renderCheck } from './render.js';
export type * from './types.js';

async function readProc(guest: CheckGuest): Promise<ProcCmdline> {
  const r = await guest.source.files.readText('/proc/cmdline', {
    max: 64 * 1024,
    encoding: 'latin1',
  });
  if (!r.ok) return { ok: false, why: r.reason };
  return { ok: true, source: r.path, text: r.text.trim() };
}

/**
 * After the reboot, on the running guest: the kernel booted with every
 * parameter of grub.conf's default entry, the clock in use is the one they
 * select, and NTP runs and starts at boot. Read-only.
 */
export async function runCheck(guest: CheckGuest): Promise<CheckReport> {
  const { source } = guest;
  const fs = source.files;
  const running = source.runningKernel;
  const [proc, line, facts, sysfs, log, scan] = await Promise.all([
    readProc(guest),
    readDefaultLine(fs),
    detectFacts(source),
    readClocksourceSysfs(fs),
    readKernelLog(source),
    guest.processes(),
  ]);
  const args = line.ok ? line.args : proc.ok ? kernelArgs(proc.text) : [];
  const rulesFrom = line.ok ? line.source : proc.ok ? proc.source : 'no command line';
  const current = currentClock(sysfs, log, running, sysfsSilent(running, facts.arch.value));
  return {
    guest: guest.name,
    runningKernel: running ?? null,
    defaultEntry: line.ok
      ? { index: line.index, title: line.title, kernel: line.kernel ?? null, source: line.source }
      : null,
    findings: [
      cmdlineFinding(proc, line, running, guest.kernelFrom),
      clocksourceFinding(clockRules(args, facts.pvclock), rulesFrom, current),
      ntpFinding(scan, facts.ntp),
    ],
  };
}

/** 0 when every finding holds; 1 when one fails or cannot be told (holding is claimed only when shown). */
export function checkExitCode(report: CheckReport): number {
  return report.findings.every((f) => f.status === 'ok') ? EXIT_OK : EXIT_FAILURE;
}
