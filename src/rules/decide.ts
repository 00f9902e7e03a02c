import { LPJ_PLACEHOLDER, type Arch, type RuleSet } from './types.js';
import { isMatch, selectRule, type NoRule, type RuleMatch } from './select.js';

/** How lpj is known: a number, deliberately left out (`--no-lpj`), or not known. */
export type LpjChoice = number | 'omit' | undefined;

export interface DecisionInput {
  release: string;
  arch: Arch;
  pvclock: boolean;
  lpj: LpjChoice;
}

export interface Decision {
  /** The parameters to put on each selected kernel line, with real values. */
  params: string[];
  /** The row's parameters as its source writes them. */
  template: readonly string[];
  match: RuleMatch;
  warnings: string[];
}

/** "Only Red Hat Enterprise Linux 5.4 and higher virtual machines fully support the paravirtualized clock." */
export const PVCLOCK_SINCE = '5.4';

export const LPJ_HOWTO =
  'give --lpj N with the value from the guest\'s boot log (`dmesg | grep -o "lpj=[0-9]*"` or `grep -o "lpj=[0-9]*" /var/log/dmesg`)';

/** Fills the `lpj=n` placeholder with the real value, or leaves lpj out and says why. */
export function materialize(
  template: readonly string[],
  lpj: LpjChoice,
  warnings: string[],
): string[] {
  const params: string[] = [];
  for (const p of template) {
    if (p !== LPJ_PLACEHOLDER) {
      params.push(p);
    } else if (typeof lpj === 'number') {
      params.push(`lpj=${lpj}`);
    } else if (lpj === undefined) {
      warnings.push(
        `lpj left out: the rule asks for lpj=n but the loops-per-jiffy value is not known; ${LPJ_HOWTO}`,
      );
    }
  }
  return params;
}

export function decide(set: RuleSet, input: DecisionInput): Decision | NoRule {
  const match = selectRule(set, input);
  if (!isMatch(match)) return match;
  const warnings: string[] = [];
  if (!match.exact) warnings.push(match.reason);
  const params = materialize(match.row.params, input.lpj, warnings);
  return { params, template: match.row.params, match, warnings };
}
