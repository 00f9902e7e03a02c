import { UsageError } from '../shared/errors.js';
import type { Fact } from '../facts/types.js';
import { findRuleSet, unknownRuleSetMessage } from './index.js';
import { rhel6Guide } from './rhel6-guide.js';
import { rhev34 } from './rhev-3.4.js';
import type { RuleSet } from './types.js';
import { vmwareKb1006427 } from './vmware-kb-1006427.js';

export interface RuleChoice {
  /** Tried in order; the first with an answer wins. */
  sets: RuleSet[];
  /** Why these sets, when it is not the plain default. */
  note?: string;
}

/**
 * `--rules NAME` when given. Otherwise the seed's table for KVM guests, with
 * the RHEL 6 guide behind it for the releases the seed does not cover (6,
 * 7+); and VMware's table for a guest detected on VMware, since the KVM
 * tables do not apply there.
 */
export function chooseRuleSets(
  name: string | undefined,
  hypervisor: Fact<string> | undefined,
): RuleChoice {
  if (name !== undefined) {
    const set = findRuleSet(name);
    if (!set) throw new UsageError(`--rules ${name}: ${unknownRuleSetMessage(name)}`);
    return { sets: [set] };
  }
  if (hypervisor?.value === 'vmware') {
    return {
      sets: [vmwareKb1006427],
      note: `the guest runs on VMware (${hypervisor.source}): the KVM tables do not apply, so ${vmwareKb1006427.name} (${vmwareKb1006427.source}) is used; give --rules to choose another`,
    };
  }
  return { sets: [rhev34, rhel6Guide] };
}
