import { LPJ_PLACEHOLDER, type Arch } from '../rules/types.js';
import type { RuleChoice } from '../rules/registry.js';
import { decideWith } from './decide-with.js';

/**
 * Which facts the rows for these releases depend on: kvm-clock when the row
 * with it differs from the row without it, lpj when a row asks for lpj=n.
 * The wizard asks only what matters; a release no set covers asks both
 * (the answer may still be given with --params).
 */
export function factsThatMatter(
  choice: RuleChoice,
  releases: readonly string[],
  arch: Arch,
): { pvclock: boolean; lpj: boolean } {
  let pvclock = false;
  let lpj = false;
  for (const release of releases) {
    const [yes, no] = [true, false].map(
      (pv) => decideWith(choice, release, arch, pv, 'omit').decision,
    );
    if (!yes || !no) return { pvclock: true, lpj: true };
    if (yes.match.row !== no.match.row) pvclock = true;
    if ([yes, no].some((d) => d.template.includes(LPJ_PLACEHOLDER))) lpj = true;
  }
  return { pvclock, lpj };
}
