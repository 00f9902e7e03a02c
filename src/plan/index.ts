import type { Options } from '../shared/options.js';
import type { Facts } from '../facts/types.js';
import type { RuleChoice } from '../rules/registry.js';
import { planEntry, sharedPlan } from './entry.js';
import { entryLimit } from './limits.js';
import { dropHarmful } from './review.js';
import type { EntryPlan, EntryRef, GuestPlan } from './types.js';

export { advise } from './advice.js';
export { planGuest } from './guest.js';
export { kernelOfImage, releaseOfKernel } from './kernel.js';
export { reviewEdit, type LineReview } from './review.js';
export type { EntryPlan, EntryRef, GuestPlan, ParamsOrigin } from './types.js';
export { mergeWarnings } from './warnings.js';

/**
 * The parameters of each selected entry: the guest-wide decision for all of
 * them, or (no `guest`) each entry's own from the kernel it boots; and the
 * command-line limit of each entry's kernel. Anything that could stop an
 * entry's kernel from booting is dropped, with a warning.
 */
export function planEntries(
  entries: readonly EntryRef[],
  guest: GuestPlan | undefined,
  facts: Facts,
  options: Options,
  choice: RuleChoice,
  warnings: string[],
): EntryPlan[] {
  const plans = entries.map((entry) =>
    guest
      ? sharedPlan(entry, guest, facts, warnings)
      : planEntry(entry, facts, options, choice, warnings),
  );
  for (const p of plans) {
    if (p.skipped) warnings.push(`entry ${p.index} left alone: ${p.skipped}`);
    else p.limit = entryLimit(p, facts);
    dropHarmful(p, facts, warnings);
  }
  return plans;
}
