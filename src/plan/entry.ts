import type { Options } from '../shared/options.js';
import type { Facts } from '../facts/types.js';
import { PVCLOCK_SINCE } from '../rules/decide.js';
import type { RuleChoice } from '../rules/registry.js';
import { compareReleases } from '../rules/release.js';
import { decideWith, lpjChoice, missingFactsError } from './decide-with.js';
import { kernelOfImage } from './kernel.js';
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
  // kvm-clock arrived with RHEL 5.4's kernel; older kernels cannot have it.
  const older = compareReleases(mapped.release, PVCLOCK_SINCE) < 0;
  const pvclock = older ? false : (facts.pvclock.value ?? false);
  if (!older && facts.pvclock.value === undefined) {
    warnings.push(`entry ${entry.index}: kvm-clock assumed absent: ${facts.pvclock.source}`);
  }
  const { decision, misses } = decideWith(
    choice,
    mapped.release,
    facts.arch.value,
    pvclock,
    lpjChoice(facts, options),
  );
  if (!decision) {
    plan.skipped = `no rule for its kernel's release: ${misses.map((m) => m.reason).join('; ')}`;
    return plan;
  }
  for (const w of decision.warnings) warnings.push(`entry ${entry.index}: ${w}`);
  plan.params = decision.params;
  plan.origin = { kind: 'rule', match: decision.match, template: decision.template };
  return plan;
}

/** One guest-wide decision applied to an entry: the list is shared, never copied. */
export function sharedPlan(entry: EntryRef, guest: GuestPlan, facts: Facts): EntryPlan {
  const { version } = kernelOfImage(entry.image);
  const p: EntryPlan = { index: entry.index, params: guest.params };
  if (version !== undefined) p.kernel = version;
  if (facts.release.value !== undefined) {
    p.release = facts.release.value;
    p.releaseSource = facts.release.source;
  }
  if (guest.origin) p.origin = guest.origin;
  return p;
}
