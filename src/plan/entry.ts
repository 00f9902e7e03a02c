import type { Options } from '../shared/options.js';
import type { Facts } from '../facts/types.js';
import { kernelKvmClock } from '../rules/kvm-clock.js';
import type { RuleChoice } from '../rules/registry.js';
import { decideWith, lpjChoice, missingFactsError } from './decide-with.js';
import { kernelOfImage } from './kernel.js';
import { entryPvclock, pvclockWarnings } from './pvclock.js';
import type { EntryPlan, EntryRef, GuestPlan } from './types.js';

/** Per entry: the release of the kernel the entry boots decides. */
export function planEntry(
  entry: EntryRef,
  facts: Facts,
  options: Options,
  choice: RuleChoice,
  warnings: string[],
): EntryPlan {
  const { version: kernel, release: mapped } = kernelOfImage(entry.image);
  const plan: EntryPlan = { index: entry.index, params: [] };
  if (kernel !== undefined) plan.kernel = kernel;
  if (!mapped) {
    plan.skipped = `its kernel ${kernel ?? entry.image} cannot be mapped to a RHEL release`;
    return plan;
  }
  if (facts.arch.value === undefined) throw missingFactsError(facts);
  plan.release = mapped.release;
  plan.releaseSource = `kernel ${kernel}${mapped.exact ? '' : ' (between table rows)'}`;
  const pvclock = entryPvclock(kernel, facts.pvclock);
  const { decision, misses } = decideWith(
    choice,
    mapped.release,
    facts.arch.value,
    pvclock.value,
    lpjChoice(facts, options),
  );
  if (!decision) {
    plan.skipped = `no rule for its kernel's release: ${misses.map((m) => m.reason).join('; ')}`;
    return plan;
  }
  const row = decision.match.row;
  const prefix = `entry ${entry.index}: `;
  if (pvclock.warning) warnings.push(prefix + pvclock.warning);
  // A kernel that cannot have kvm-clock was decided without it: nothing was assumed.
  else warnings.push(...pvclockWarnings(facts.pvclock, mapped.release, row, prefix));
  for (const w of decision.warnings) warnings.push(prefix + w);
  plan.params = decision.params;
  plan.origin = { kind: 'rule', match: decision.match, template: decision.template };
  plan.usesKvmClock = row.pvclock === 'yes';
  return plan;
}

/** One guest-wide decision applied to an entry: the list is shared, never copied. */
export function sharedPlan(
  entry: EntryRef,
  guest: GuestPlan,
  facts: Facts,
  warnings: string[],
): EntryPlan {
  const { version } = kernelOfImage(entry.image);
  const p: EntryPlan = { index: entry.index, params: guest.params };
  if (version !== undefined) p.kernel = version;
  if (facts.release.value !== undefined) {
    p.release = facts.release.value;
    p.releaseSource = facts.release.source;
  }
  if (guest.origin) p.origin = guest.origin;
  if (guest.usesKvmClock) {
    p.usesKvmClock = true;
    const k = version === undefined ? undefined : kernelKvmClock(version);
    if (k && !k.has)
      warnings.push(
        `entry ${entry.index}: its kernel ${version} has no kvm-clock (${k.why}), but the guest-wide decision counts on kvm-clock and gives it nothing: this entry would drift; --per-entry decides each entry from its own kernel`,
      );
  }
  return p;
}
