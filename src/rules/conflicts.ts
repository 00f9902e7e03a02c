import { argName } from '../shared/cmdline.js';

/**
 * Arguments that work against a parameter the tool adds. Same-name
 * arguments are replaced by the edit itself; these have other names, so
 * they stay on the line and are reported instead.
 */
interface Conflict {
  /** The parameter the tool adds (matched by name). */
  param: string;
  /** An existing argument: exact text, or `name=*` for any value. */
  against: string;
  reason: string;
}

const CONFLICTS: readonly Conflict[] = [
  {
    param: 'notsc',
    against: 'clocksource=tsc',
    reason: 'it selects the TSC, which notsc disables',
  },
  { param: 'notsc', against: 'clock=tsc', reason: 'it selects the TSC, which notsc disables' },
  {
    param: 'notsc',
    against: 'tsc=reliable',
    reason: 'it tells the kernel to trust the TSC, which notsc disables',
  },
  {
    param: 'clocksource',
    against: 'clock=*',
    reason:
      'clock= is the older name of clocksource=; two clock choices on one line contradict each other',
  },
  {
    param: 'clocksource',
    against: 'tsc=reliable',
    reason: 'it tells the kernel to trust the TSC instead of the chosen clocksource',
  },
  {
    param: 'clock',
    against: 'clocksource=*',
    reason: 'two clock choices on one line contradict each other (RHEL 4 kernels know only clock=)',
  },
  {
    param: 'clock',
    against: 'tsc=reliable',
    reason: 'it tells the kernel to trust the TSC instead of the chosen clock',
  },
];

function matches(pattern: string, arg: string): boolean {
  return pattern.endsWith('=*') ? argName(arg) === pattern.slice(0, -2) : arg === pattern;
}

/** One warning per argument on `args` that contradicts one of `params`. */
export function findConflicts(args: readonly string[], params: readonly string[]): string[] {
  const names = new Set(params.map(argName));
  const out: string[] = [];
  for (const c of CONFLICTS) {
    if (!names.has(c.param)) continue;
    const added = params.find((p) => argName(p) === c.param) as string;
    for (const arg of args) {
      if (matches(c.against, arg)) out.push(`${arg} contradicts ${added}: ${c.reason}`);
    }
  }
  return out;
}

/** Names of the existing arguments a contradiction can be about. */
export const CONFLICT_ARG_NAMES: readonly string[] = [
  ...new Set(CONFLICTS.map((c) => argName(c.against))),
];
