import { UsageError, ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import type { Facts } from '../facts/types.js';
import { decide, type LpjChoice } from '../rules/decide.js';
import type { RuleChoice } from '../rules/registry.js';
import type { Arch, NoRule } from '../rules/types.js';

/** lpj as the rules take it: `--no-lpj` leaves it out on purpose. */
export function lpjChoice(facts: Facts, options: Options): LpjChoice {
  return options.lpj === false ? 'omit' : facts.lpj.value;
}

export function missingFactsError(facts: Facts): UsageError {
  const missing: string[] = [];
  if (facts.release.value === undefined) missing.push(`--release X.Y (${facts.release.source})`);
  if (facts.arch.value === undefined) missing.push(`--arch x86_64|i686 (${facts.arch.source})`);
  return new UsageError(
    `the guest's release or architecture is not known: give ${missing.join(' and ')}, or --params "..."`,
  );
}

/** Decides for one release with the chosen sets, in order; no decision: no set has a row. */
export function decideWith(
  choice: RuleChoice,
  release: string,
  arch: Arch,
  pvclock: boolean,
  lpj: LpjChoice,
) {
  const misses: NoRule[] = [];
  for (const set of choice.sets) {
    const d = decide(set, { release, arch, pvclock, lpj });
    if ('match' in d) return { decision: d, misses };
    misses.push(d);
  }
  return { decision: undefined, misses };
}

export function noRuleError(release: string, arch: Arch, misses: NoRule[]): ToolError {
  const why = misses.map((m) => m.reason).join('; ');
  return new ToolError(
    `no rule for RHEL ${release} ${arch}: ${why}; give the parameters yourself with --params "..."`,
  );
}
