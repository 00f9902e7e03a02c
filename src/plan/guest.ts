import type { Options } from '../shared/options.js';
import { isRhelFamily, type DetectedFacts } from '../facts/detect/types.js';
import type { Facts } from '../facts/types.js';
import type { RuleChoice } from '../rules/registry.js';
import { decideWith, lpjChoice, missingFactsError, noRuleError } from './decide-with.js';
import { pvclockWarnings } from './pvclock.js';
import type { GuestPlan } from './types.js';

/** The guest-wide decision: `--params` verbatim, else the rule row for the facts. */
export function planGuest(
  facts: Facts,
  detected: DetectedFacts | undefined,
  options: Options,
  choice: RuleChoice,
  warnings: string[],
): GuestPlan {
  if (options.params) return { params: options.params, origin: { kind: 'params-flag' } };
  if (
    options.release === undefined &&
    detected?.family.value !== undefined &&
    !isRhelFamily(detected.family.value)
  ) {
    const what = detected.distro.value ?? detected.family.value;
    return {
      params: [],
      notRhel: `not a RHEL guest (${what}, from ${detected.family.source}): no parameters from the RHEL tables`,
    };
  }
  if (facts.release.value === undefined || facts.arch.value === undefined)
    throw missingFactsError(facts);
  const { decision, misses } = decideWith(
    choice,
    facts.release.value,
    facts.arch.value,
    facts.pvclock.value ?? false,
    lpjChoice(facts, options),
  );
  if (!decision) throw noRuleError(facts.release.value, facts.arch.value, misses);
  const row = decision.match.row;
  warnings.push(...pvclockWarnings(facts.pvclock, facts.release.value, row), ...decision.warnings);
  return {
    params: decision.params,
    origin: { kind: 'rule', match: decision.match, template: decision.template },
    usesKvmClock: row.pvclock === 'yes',
  };
}
