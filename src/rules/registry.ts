import { UsageError } from '../shared/errors.js';
import { rhel6Guide } from './rhel6-guide.js';
import { rhev34 } from './rhev-3.4.js';
import type { RuleSet } from './types.js';
import { vmwareKb1006427 } from './vmware-kb-1006427.js';

/**
 * Every rule set the tool knows, and the one place a new one is added
 * (see README.md in this folder). The order is the order of use: for a guest
 * on a hypervisor, the sets written for it are tried first to last, and the
 * first with a row for the guest answers. The first set is the default.
 */
export const RULE_SETS: readonly RuleSet[] = [rhev34, rhel6Guide, vmwareKb1006427];

/** The seed document's table: what the tool uses unless told otherwise. */
export const DEFAULT_RULE_SET = (RULE_SETS[0] as RuleSet).name;

export function ruleSetNames(): string[] {
  return RULE_SETS.map((s) => s.name);
}

/** The set of that name (exact, case-sensitive), or undefined. */
export function findRuleSet(name: string): RuleSet | undefined {
  return RULE_SETS.find((s) => s.name === name);
}

/** The one line to show for a name findRuleSet does not know. */
export function unknownRuleSetMessage(name: string): string {
  return `no rule set named "${name}": the rule sets are ${ruleSetNames().join(', ')} (see --list-rules)`;
}

type Hypervisor = RuleSet['hypervisor'];

function setsFor(hypervisor: Hypervisor): RuleSet[] {
  return RULE_SETS.filter((s) => s.hypervisor === hypervisor);
}

export interface RuleChoice {
  /** Tried in order; the first with an answer wins. */
  sets: RuleSet[];
  /** Why these sets, when it is not the plain default. */
  note?: string;
}

/**
 * `--rules NAME` when given. Otherwise the sets written for the guest's
 * hypervisor, in registry order: KVM's for a KVM guest or one whose
 * hypervisor is not known; another hypervisor's (VMware's) for a guest
 * detected on it, since the KVM tables do not apply there.
 */
export function chooseRuleSets(
  name: string | undefined,
  hypervisor: { value?: string | undefined; source: string } | undefined,
): RuleChoice {
  if (name !== undefined) {
    const set = findRuleSet(name);
    if (!set) throw new UsageError(`--rules ${name}: ${unknownRuleSetMessage(name)}`);
    return { sets: [set] };
  }
  const other = RULE_SETS.find((s) => s.hypervisor !== 'kvm' && s.hypervisor === hypervisor?.value);
  if (!other || !hypervisor) return { sets: setsFor('kvm') };
  const sets = setsFor(other.hypervisor);
  const named = sets.map((s) => `${s.name} (${s.source})`).join(', then ');
  return {
    sets,
    note: `the guest runs on ${hypervisorName(other.hypervisor)} (${hypervisor.source}): the KVM tables do not apply, so ${named} ${sets.length > 1 ? 'are' : 'is'} used; give --rules to choose another`,
  };
}

const HYPERVISOR_NAMES: Readonly<Record<Hypervisor, string>> = { kvm: 'KVM', vmware: 'VMware' };

function hypervisorName(h: Hypervisor): string {
  return HYPERVISOR_NAMES[h];
}

/** `--rules`' help: the names, and the default choice in words. */
export function rulesFlagHelp(): { description: string; defaultText: string } {
  const byHypervisor = [...new Set(RULE_SETS.map((s) => s.hypervisor))].map((h) => {
    const names = setsFor(h).map((s) => s.name);
    const chain =
      names.length > 1
        ? `${names[0]}, then ${names.slice(1).join(', then ')} for releases it has no row for`
        : names.join('');
    return h === 'kvm' ? chain : `${chain} on ${hypervisorName(h)}`;
  });
  return {
    description: `rule set to use: ${ruleSetNames().join(', ')} (see --list-rules)`,
    defaultText: byHypervisor.join('; '),
  };
}
