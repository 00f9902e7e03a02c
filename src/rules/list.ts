import { DISTRO_NAMES, distroOf, extrapolationOf } from './policy.js';
import { KERNEL_TABLE_SOURCE, kernelTableCoverage } from './kernel-release.js';
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

/** The part of `--list-rules` about the kernel table: which releases it tells apart. */
export function renderKernelTable(): string {
  return [
    'kernel table (kernel version to RHEL release, for --per-entry and the per-kernel checks)',
    `  source:      ${KERNEL_TABLE_SOURCE}`,
    ...kernelTableCoverage().map((c) => `  covers:      ${c}`),
  ].join('\n');
}

/** `--list-rules --json`: every set with its rows, as data; and what the kernel table covers. */
export function ruleListJson(sets: readonly RuleSet[] = RULE_SETS) {
  return {
    tool: 'fix-clock-drift',
    ruleSets: sets.map((s) => ({
      name: s.name,
      default: s.name === DEFAULT_RULE_SET,
      title: s.title,
      source: s.source,
      hypervisor: s.hypervisor,
      extrapolate: extrapolationOf(s),
      policy: s.policy,
      notes: [...(s.notes ?? [])],
      rows: s.rows.map((r) => ({
        row: r.row,
        distro: distroOf(r),
        release: r.release.label,
        min: r.release.min,
        max: r.release.max ?? null,
        arch: r.arch,
        pvclock: r.pvclock,
        params: [...r.params],
        source: r.source,
        note: r.note ?? null,
      })),
    })),
    kernelTable: { source: KERNEL_TABLE_SOURCE, covers: kernelTableCoverage() },
  };
}
