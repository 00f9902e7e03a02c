import { argName } from '../shared/cmdline.js';
import { compareReleases } from './release.js';

/**
 * Knowledge about clock arguments on particular RHEL kernels, as data. Each
 * entry says which releases it concerns and why; the pipeline uses it to
 * refuse adding a harmful parameter and to warn about one already there.
 */
export interface ArgHazard {
  /** The argument, matched exactly (`divider=10`) or by name (`clocksource=*`). */
  arg: string;
  /** Releases concerned: from (inclusive), below (exclusive, absent = and later). */
  from: string;
  below?: string;
  /** `harmful`: never added, warned about when present; `useless`/`unknown`: warned about. */
  kind: 'harmful' | 'useless' | 'unknown-to-kernel' | 'deprecated';
  reason: string;
}

export const ARG_HAZARDS: readonly ArgHazard[] = [
  {
    arg: 'divider=10',
    from: '4.0',
    below: '5.8',
    kind: 'harmful',
    reason:
      'divider=10 can panic RHEL 4 and RHEL 5 kernels before 5.8 (BZ 698842, fixed in 5.8; RHEL 6 Virtualization Guide 14.2)',
  },
  {
    arg: 'divider=*',
    from: '6.0',
    kind: 'useless',
    reason:
      'RHEL 6 and later kernels are tickless, so divider does nothing there (RHEL 6 Virtualization Guide 14.2)',
  },
  {
    arg: 'divider=*',
    from: '3.0',
    below: '4.0',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 3 kernels never had the divider parameter (RHEL 6 Virtualization Guide 14.2)',
  },
  {
    arg: 'clocksource=*',
    from: '4.0',
    below: '5.0',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 4 kernels (2.6.9) know only clock=, not clocksource=: use clock=pmtmr',
  },
  {
    arg: 'clocksource=*',
    from: '3.0',
    below: '4.0',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 3 kernels (2.4.21) know neither clocksource= nor clock=',
  },
  {
    arg: 'clock=*',
    from: '6.0',
    kind: 'deprecated',
    reason:
      'clock= is the deprecated 32-bit form of clocksource= on RHEL 6 and later kernels: use clocksource=',
  },
];

function matches(pattern: string, arg: string): boolean {
  return pattern.endsWith('=*') ? argName(arg) === pattern.slice(0, -2) : arg === pattern;
}

function concerns(h: ArgHazard, release: string): boolean {
  if (compareReleases(release, h.from) < 0) return false;
  return h.below === undefined || compareReleases(release, h.below) < 0;
}

/** The hazards of `arg` on a kernel of `release`. */
export function hazardsOf(arg: string, release: string): ArgHazard[] {
  return ARG_HAZARDS.filter((h) => matches(h.arg, arg) && concerns(h, release));
}

/** Whether adding `arg` to a kernel of `release` could stop it from booting. */
export function isHarmful(arg: string, release: string): ArgHazard | undefined {
  return hazardsOf(arg, release).find((h) => h.kind === 'harmful');
}

/** Names of the arguments a hazard can be about. */
export const HAZARD_ARG_NAMES: readonly string[] = [
  ...new Set(ARG_HAZARDS.map((h) => argName(h.arg))),
];
