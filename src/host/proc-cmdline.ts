import { tokenize } from '../shared/cmdline.js';
import type { RootFs } from '../shared/rootfs.js';
import { looked, printable } from './evidence.js';
import type { Evidence } from './types.js';

/** The kernel accepts a command line of at most a few KiB (COMMAND_LINE_SIZE); 64 KiB is ample. */
const CMDLINE_MAX = 64 * 1024;

export type ProcCmdline =
  { ok: true; path: string; text: string; args: string[] } | { ok: false; evidence: Evidence };

/**
 * The kernel's own arguments: split as the kernel splits (blanks outside
 * double quotes), stopping at `--`, after which everything is for init.
 */
export function kernelArgs(text: string): string[] {
  const args: string[] = [];
  for (const t of tokenize(text.replace(/[\r\n]+/g, ' ')).tokens) {
    if (t.text === '--') break;
    args.push(t.text);
  }
  return args;
}

/** The running kernel's command line, <root>/proc/cmdline. */
export async function readProcCmdline(fs: RootFs): Promise<ProcCmdline> {
  const r = await fs.readText('/proc/cmdline', { max: CMDLINE_MAX, encoding: 'latin1' });
  if (!r.ok) return { ok: false, evidence: looked(r) };
  if (r.text.trim() === '') return { ok: false, evidence: { path: r.path, found: 'empty' } };
  return { ok: true, path: r.path, text: printable(r.text, 400), args: kernelArgs(r.text) };
}

/**
 * The last value given to a parameter, as the kernel keeps it (a later
 * `processor.max_cstate=` overrides an earlier one); undefined when absent.
 */
export function lastValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const a of args) {
    if (a === name) value = '';
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1).replace(/^"(.*)"$/, '$1');
  }
  return value;
}

/**
 * Other idle-state and cpufreq-driver parameters. The document asks only for
 * processor.max_cstate=1; these are shown so the reader knows they are there,
 * not counted as meeting the advice.
 */
const OTHER_POWER =
  /^(intel_idle\.max_cstate|idle|processor\.nocst|cpuidle\.off|intel_pstate|amd_pstate)(=|$)/;

export function otherPowerArgs(args: readonly string[]): string[] {
  return args.filter((a) => OTHER_POWER.test(a));
}
