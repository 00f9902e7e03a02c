import type { Facts } from '../facts/types.js';
import { CONFLICT_ARG_NAMES, findConflicts } from '../rules/conflicts.js';
import { HAZARD_ARG_NAMES, hazardsOf } from '../rules/kernel-args.js';
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

/** The release whose kernel an entry boots, else the guest's. */
export function entryRelease(plan: EntryPlan, facts: Facts): string | undefined {
  if (plan.release) return plan.release;
  return releaseOfKernel(plan.kernel)?.release ?? facts.release.value;
}

/** Drops parameters that could stop the entry's kernel from booting, and says why. */
export function dropHarmful(plan: EntryPlan, facts: Facts, warnings: string[]): void {
  const release = entryRelease(plan, facts);
  if (release === undefined) return;
  const harms = plan.params.map((p) => hazardsOf(p, release).find((h) => h.kind === 'harmful'));
  if (harms.every((h) => h === undefined)) return; // the usual case: the list stays shared
  plan.params = plan.params.filter((p, i) => {
    const harm = harms[i];
    if (harm) warnings.push(`entry ${plan.index}: ${p} not added: ${harm.reason}`);
    return !harm;
  });
}

/**
 * Every hazard and contradiction is about a `name=` argument of a few names:
 * a line with none of them needs no splitting into arguments (most lines of
 * a large config).
 */
const WATCHED = new RegExp(
  `(?:^|[ \\t])(?:${[...new Set([...HAZARD_ARG_NAMES, ...CONFLICT_ARG_NAMES])].join('|')})=`,
);

/** Warns about what the edit found on the line: hazards for the kernel, contradictions, replacements. */
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
  if (!WATCHED.test(e.oldText)) {
    // Nothing on the line can be hazardous; only the added parameters could contradict each other.
    for (const w of findConflicts(params, params)) warnings.push(`entry ${index}: ${w}`);
    return;
  }
  const release = plan && entryRelease(plan, facts);
  if (release !== undefined) {
    for (const arg of e.oldArgs) {
      for (const h of hazardsOf(arg, release))
        warnings.push(`entry ${index}: ${arg} is already on the line: ${h.reason}`);
    }
  }
  for (const w of findConflicts(e.newArgs, params)) warnings.push(`entry ${index}: ${w}`);
}
