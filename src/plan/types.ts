import type { CmdlineLimit } from '../rules/cmdline-limits.js';
import type { RuleMatch } from '../rules/types.js';

/** Where an entry's parameters came from: a row of a rule table, or `--params`. */
export type ParamsOrigin =
  { kind: 'rule'; match: RuleMatch; template: readonly string[] } | { kind: 'params-flag' };

/**
 * A boot entry as the planner sees it, whatever the boot config's format:
 * its number and the kernel image it boots.
 */
export interface EntryRef {
  index: number;
  image?: string;
}

/** The command-line limit an entry's kernel has, and whether it had to be assumed. */
export interface EntryLimit extends CmdlineLimit {
  /** Why the limit is assumed, when the entry's kernel did not tell. */
  assumed?: string;
}

/** What one entry gets and why. */
export interface EntryPlan {
  index: number;
  /** The kernel version the entry boots, when its image name tells. */
  kernel?: string;
  /** The release decided for: the entry's kernel's (per entry) or the guest's. */
  release?: string;
  releaseSource?: string;
  params: string[];
  origin?: ParamsOrigin;
  /** Why the entry gets nothing although it was selected. */
  skipped?: string;
  /** How long the entry's command line may be. */
  limit?: EntryLimit;
  /** The decision took it that the kernel has and uses kvm-clock. */
  usesKvmClock?: boolean;
}

/** The guest-wide decision: `--params` verbatim, or a rule row for the guest's facts. */
export interface GuestPlan {
  params: string[];
  origin?: ParamsOrigin;
  /** Why nothing was decided: the guest is not RHEL. */
  notRhel?: string;
  /** The decision took it that the kernel has and uses kvm-clock. */
  usesKvmClock?: boolean;
}
