import { displayText } from '../shared/bytes.js';
import { printable } from '../shared/text.js';
import { cmdlineLimit } from '../rules/cmdline-limits.js';
import { releaseOfKernel } from '../plan/kernel.js';
import { kernelArgs, type DefaultLine } from './boot-config.js';
import type { CheckFinding, Evidence } from './types.js';

/** /proc/cmdline as read: its text (latin1) and where, or why not. */
export type ProcCmdline = { ok: true; source: string; text: string } | { ok: false; why: string };

type Line = Extract<DefaultLine, { ok: true }>;

function shown(args: readonly string[]): string {
  return args.map(displayText).join(' ');
}

/** BOOT_IMAGE=, which GRUB 2 (not GRUB legacy) puts first on the command line. */
function bootImage(args: readonly string[]): string | undefined {
  const a = args.find((x) => x.startsWith('BOOT_IMAGE='));
  return a?.slice('BOOT_IMAGE='.length);
}

/** Why parameters of the default entry are missing, from what booted and how long the line is. */
function why(line: Line, missing: string[], running: string | undefined): string {
  if (running !== undefined && line.kernel !== undefined && running !== line.kernel) {
    const booted = line.kernels.find((k) => k.kernel === running);
    const which = booted
      ? `entry ${booted.index} "${booted.title}"`
      : `a kernel no entry of grub.conf names`;
    return `another entry booted: the running kernel is ${running} (${which}), the default entry ${line.index} boots ${line.kernel}; choose it at the GRUB menu, or check default= in grub.conf`;
  }
  const release = releaseOfKernel(running ?? line.kernel)?.release;
  const limit = release === undefined ? undefined : cmdlineLimit(release);
  const atEnd = missing.every((m, i) => line.args[line.args.length - missing.length + i] === m);
  if (limit && line.length > limit.bytes && atEnd)
    return `the line was cut: the default entry's command line is ${line.length} bytes, the kernel keeps ${limit.bytes} (${limit.source}), so it never saw the parameters at its end; remove arguments it does not need (such as rhgb quiet) and reboot`;
  return `the default entry has parameters the running kernel was not booted with: grub.conf changed after this boot (reboot to use it), or the guest did not boot from this grub.conf`;
}

/**
 * The running kernel's /proc/cmdline holds every parameter of grub.conf's
 * default entry: the parameters install put there are in force. A missing
 * one means another entry booted, the line was cut, or the guest has not
 * been rebooted since grub.conf changed: the finding says which it can tell.
 */
export function cmdlineFinding(
  proc: ProcCmdline,
  line: DefaultLine,
  running: string | undefined,
  kernelFrom = 'uname -r',
): CheckFinding {
  const evidence: Evidence[] = [];
  if (proc.ok)
    evidence.push({ source: proc.source, found: printable(displayText(proc.text), 400) });
  if (line.ok)
    evidence.push({
      source: line.source,
      found: `default entry ${line.index} "${line.title}": ${shown(line.args)}`,
    });
  if (!proc.ok || !line.ok) {
    const what = !proc.ok
      ? `/proc/cmdline could not be read (${proc.why})`
      : `the default entry could not be told (${(line as { why: string }).why})`;
    return { id: 'cmdline', status: 'unknown', summary: what, evidence, data: { missing: null } };
  }
  const have = kernelArgs(proc.text);
  const missing = line.args.filter((a) => !have.includes(a));
  const image = bootImage(have);
  if (image !== undefined) evidence.push({ source: proc.source, found: `booted image ${image}` });
  if (running !== undefined) evidence.push({ source: kernelFrom, found: running });
  if (missing.length === 0)
    return {
      id: 'cmdline',
      status: 'ok',
      summary: `the running kernel has every parameter of the default entry (${line.args.length})`,
      evidence,
      data: { missing: [] },
    };
  return {
    id: 'cmdline',
    status: 'fail',
    summary: `the running kernel lacks ${shown(missing)} of the default entry: ${why(line, missing, running)}`,
    evidence,
    data: { missing: missing.map(displayText) },
  };
}
