import type { Options } from '../shared/options.js';
import { bootIniTarget } from '../bootini/target.js';
import { grubTarget } from '../grub/target.js';
import type { BootTarget } from '../output/target.js';

/**
 * Every boot-config format the tool edits, in the order a guest root is
 * searched for them; the first is the default. A new format (GRUB 2's
 * /etc/default/grub, say) is a module implementing BootTarget and a line here.
 */
export const TARGETS: readonly BootTarget[] = [grubTarget, bootIniTarget];

/**
 * The target a run edits: the one whose flag names a file (`--grub-conf`,
 * `--boot-ini`); else, for a `--root`, the first whose file the root holds
 * (a mounted Windows disk has boot.ini and no grub.conf); else the default,
 * whose own run then says what it looked for.
 */
export async function chooseTarget(options: Options): Promise<BootTarget> {
  const named = TARGETS.find((t) => t.named(options));
  if (named) return named;
  if (options.rootGiven) {
    for (const t of TARGETS) if ((await t.locate(options.root)) !== undefined) return t;
  }
  return TARGETS[0] as BootTarget;
}
