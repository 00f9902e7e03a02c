import { DISTRO_NAMES, distroOf, extrapolationOf } from './policy.js';
import { DEFAULT_RULE_SET, RULE_SETS } from './registry.js';
import type { Distro, RuleSet } from './types.js';

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
