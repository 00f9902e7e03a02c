import type { Facts } from '../facts/types.js';
import { defeatsKvmClock, KVM_CLOCK_DEFEATERS } from '../rules/clock-use.js';
import { CONFLICT_ARG_NAMES, findConflicts } from '../rules/conflicts.js';
import { HAZARD_ARG_NAMES, hazardsOf } from '../rules/kernel-args.js';
import { kernelKvmClock } from '../rules/kvm-clock.js';
import { releaseOfKernel } from './kernel.js';
import type { EntryPlan } from './types.js';

/**
 * An edited kernel line as the review needs it, whatever the boot config's
 * format (grub/edit.ts's EntryEdit is one).
 */
export interface LineReview {
  readonly oldText: string;
  readonly oldArgs: string[];
  readonly newArgs: string[];
  readonly changes: readonly { action: string; arg: string; old?: string }[];
  readonly skipped?: string;
}

/**
 * The release of the kernel an entry boots, which is what hazards are
 * judged against; the release decided for, or the guest's, only when the
 * kernel's version does not tell.
 */
export function entryRelease(plan: EntryPlan, facts: Facts): string | undefined {
  return releaseOfKernel(plan.kernel)?.release ?? plan.release ?? facts.release.value;
}

/** "kernel 2.6.18-274.el5 (RHEL 5.7)", or the release judged by when the kernel does not tell. */
function kernelWords(plan: EntryPlan, release: string): string {
  return releaseOfKernel(plan.kernel)
    ? `kernel ${plan.kernel} (RHEL ${release})`
    : `a RHEL ${release} kernel`;
}

/** Drops parameters that could stop the entry's kernel from booting, and says why. */
export function dropHarmful(plan: EntryPlan, facts: Facts, warnings: string[]): void {
  const release = entryRelease(plan, facts);
  if (release === undefined) return;
  const arch = facts.arch.value;
  const harms = plan.params.map((p) =>
    hazardsOf(p, release, arch).find((h) => h.kind === 'harmful'),
  );
  if (harms.every((h) => h === undefined)) return; // the usual case: the list stays shared
  plan.params = plan.params.filter((p, i) => {
    const harm = harms[i];
    if (harm)
      warnings.push(
        `entry ${plan.index}: ${p} not added to ${kernelWords(plan, release)}: ${harm.reason}`,
      );
    return !harm;
  });
}

/**
 * Every hazard, contradiction and kvm-clock defeater is about an argument
 * of a few names: a line with none of them needs no splitting into
 * arguments (most lines of a large config).
 */
const WATCHED = new RegExp(
  `(?:^|[ \\t])(?:(?:${[...new Set([...HAZARD_ARG_NAMES, ...CONFLICT_ARG_NAMES])].join('|')})=|${KVM_CLOCK_DEFEATERS.map((d) => d.arg).join('|')})`,
);

/**
 * An argument that keeps a kernel with kvm-clock off it: when the decision
 * counted on kvm-clock, the guest drifts today; when the kernel has
 * kvm-clock but the decision was made without it, removing the argument
 * would give it the better clock.
 */
function defeaters(index: number, e: LineReview, plan: EntryPlan, warnings: string[]): void {
  const own = plan.kernel === undefined ? undefined : kernelKvmClock(plan.kernel);
  if (!plan.usesKvmClock && !own?.has) return;
  for (const arg of e.newArgs) {
    const why = defeatsKvmClock(arg);
    if (!why) continue;
    warnings.push(
      plan.usesKvmClock
        ? `entry ${index}: ${arg} is on the line: ${why}, so this guest keeps time with the TSC and drifts today although its kernel has kvm-clock: remove ${arg} from the line`
        : `entry ${index}: ${arg} is on the line: ${why}, although kernel ${plan.kernel} has kvm-clock; the parameters added here keep the guest off the TSC, but without ${arg} it would use kvm-clock and need none`,
    );
  }
}

/**
 * Warns about what the edit found on the line and what it adds: hazards for
 * the entry's kernel, contradictions, replacements, and arguments that keep
 * a kernel the decision counts on for kvm-clock off it.
 */
export function reviewEdit(
  index: number,
  e: LineReview,
  plan: EntryPlan | undefined,
  facts: Facts,
  warnings: string[],
): void {
  const params = plan?.params ?? [];
  if (e.skipped) warnings.push(`entry ${index} left alone: ${e.skipped}`);
  for (const c of e.changes) {
    if (c.action === 'replaced') warnings.push(`entry ${index}: replaced ${c.old} with ${c.arg}`);
  }
  const release = plan && entryRelease(plan, facts);
  const arch = facts.arch.value;
  if (release !== undefined) {
    // What the tool adds (the harmful ones were dropped already); one already there is said below.
    for (const p of params) {
      const hazards = hazardsOf(p, release, arch);
      if (hazards.length === 0 || e.oldArgs.includes(p)) continue;
      for (const h of hazards)
        warnings.push(
          `entry ${index}: ${p} is added to the line of ${kernelWords(plan as EntryPlan, release)}: ${h.reason}`,
        );
    }
  }
  if (!WATCHED.test(e.oldText)) {
    // Nothing on the line can be hazardous; only the added parameters could contradict each other.
    for (const w of findConflicts(params, params)) warnings.push(`entry ${index}: ${w}`);
    return;
  }
  if (release !== undefined) {
    for (const arg of e.oldArgs) {
      for (const h of hazardsOf(arg, release, arch))
        warnings.push(`entry ${index}: ${arg} is already on the line: ${h.reason}`);
    }
  }
  if (plan) defeaters(index, e, plan, warnings);
  for (const w of findConflicts(e.newArgs, params)) warnings.push(`entry ${index}: ${w}`);
}
