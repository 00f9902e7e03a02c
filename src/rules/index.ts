import { DISTRO_NAMES, distroOf, extrapolationOf } from './policy.js';
import { rhel6Guide } from './rhel6-guide.js';
import { rhev34 } from './rhev-3.4.js';
import type { Distro, RuleSet } from './types.js';
import { vmwareKb1006427 } from './vmware-kb-1006427.js';

/** Every rule set the tool knows, the default first. */
export const RULE_SETS: readonly RuleSet[] = [rhev34, rhel6Guide, vmwareKb1006427];

/** The seed document's table: what the tool uses unless told otherwise. */
export const DEFAULT_RULE_SET = rhev34.name;

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

function rowCount(set: RuleSet): string {
  const by = new Map<Distro, number>();
  for (const r of set.rows) by.set(distroOf(r), (by.get(distroOf(r)) ?? 0) + 1);
  const parts = [...by].map(([d, n]) => `${n} ${DISTRO_NAMES[d]}`);
  return parts.length > 1 ? `${set.rows.length} (${parts.join(', ')})` : String(set.rows.length);
}

/** The text of `--list-rules`: one block per set. */
export function renderRuleList(
  sets: readonly RuleSet[] = RULE_SETS,
  defaultName: string = DEFAULT_RULE_SET,
): string {
  const blocks = sets.map((s) => {
    const lines = [
      `${s.name}${s.name === defaultName ? ' (default)' : ''}`,
      `  title:       ${s.title}`,
      `  source:      ${s.source}`,
      `  hypervisor:  ${s.hypervisor}`,
      `  policy:      ${extrapolationOf(s)}: ${s.policy}`,
      `  rows:        ${rowCount(s)}`,
    ];
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
