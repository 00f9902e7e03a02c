import { argName } from '../shared/cmdline.js';
import type { Arch } from './types.js';
import { compareReleases } from './release.js';

/**
 * Knowledge about clock arguments on particular RHEL kernels, as data,
 * judged against the kernel an entry boots (its version's release and the
 * guest's architecture). Checked against the CentOS 5 kernel sources
 * (2.6.18-8 to -274), Linux 2.6.12 (the nearest to RHEL 4's 2.6.9) and the
 * RHEL 6 Virtualization Guide, 14.2.
 */
export interface ArgHazard {
  /** The argument, matched by name: `divider=*` is divider with any value. */
  arg: string;
  /** Kernels concerned: releases from (inclusive), below (exclusive, absent = and later). */
  from: string;
  below?: string;
  /** Only on this architecture; absent: on both. */
  arch?: Arch;
  /**
   * `harmful`: can stop the kernel from booting, never added, warned about
   * when present; `unknown-to-kernel`, `useless`, `deprecated`: warned about.
   */
  kind: 'harmful' | 'useless' | 'unknown-to-kernel' | 'deprecated';
  reason: string;
}

const BZ = 'BZ 698842, fixed in 5.8; RHEL 6 Virtualization Guide 14.2';

export const ARG_HAZARDS: readonly ArgHazard[] = [
  {
    arg: 'divider=*',
    from: '4.7',
    below: '5.0',
    kind: 'harmful',
    reason: `divider= of any value can panic RHEL 4.7 to 4.9 kernels (${BZ})`,
  },
  {
    arg: 'divider=*',
    from: '5.1',
    below: '5.8',
    kind: 'harmful',
    reason: `divider= of any value can panic RHEL 5 kernels before 5.8 (${BZ})`,
  },
  {
    arg: 'divider=*',
    from: '4.0',
    below: '4.7',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 4.0 to 4.6 kernels do not know divider= (it arrived in 4.7)',
  },
  {
    arg: 'divider=*',
    from: '5.0',
    below: '5.1',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 5.0 kernels do not know divider= (it arrived in 5.1)',
  },
  {
    arg: 'divider=*',
    from: '3.0',
    below: '4.0',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 3 kernels never had the divider parameter (RHEL 6 Virtualization Guide 14.2)',
  },
  {
    arg: 'divider=*',
    from: '6.0',
    kind: 'useless',
    reason:
      'RHEL 6 and later kernels are tickless, so divider does nothing there (RHEL 6 Virtualization Guide 14.2)',
  },
  {
    arg: 'clocksource=*',
    from: '4.0',
    below: '5.0',
    arch: 'x86',
    kind: 'unknown-to-kernel',
    reason: 'RHEL 4 kernels (2.6.9) know only clock=, not clocksource=: use clock=pmtmr',
  },
  {
    arg: 'clocksource=*',
    from: '4.0',
    below: '5.0',
    arch: 'x86_64',
    kind: 'unknown-to-kernel',
    reason:
      'RHEL 4 x86_64 kernels (2.6.9) know neither clocksource= nor clock=: use notsc to keep them off the TSC',
  },
  {
    arg: 'clock=*',
    from: '4.0',
    below: '5.0',
    arch: 'x86_64',
    kind: 'unknown-to-kernel',
    reason:
      'RHEL 4 x86_64 kernels (2.6.9) do not know clock= (only the 32-bit kernel does): use notsc',
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

function concerns(h: ArgHazard, release: string, arch: Arch | undefined): boolean {
  if (h.arch !== undefined && arch !== undefined && h.arch !== arch) return false;
  if (compareReleases(release, h.from) < 0) return false;
  return h.below === undefined || compareReleases(release, h.below) < 0;
}

/**
 * The hazards of `arg` on a kernel of `release`. With the architecture not
 * known, hazards of either architecture apply.
 */
export function hazardsOf(arg: string, release: string, arch?: Arch): ArgHazard[] {
  return ARG_HAZARDS.filter((h) => matches(h.arg, arg) && concerns(h, release, arch));
}

/** Names of the arguments a hazard can be about. */
export const HAZARD_ARG_NAMES: readonly string[] = [
  ...new Set(ARG_HAZARDS.map((h) => argName(h.arg))),
];
