import { collector } from './collector.js';
import { completionCommand } from './completion.js';
import { hostCheck } from './host-check.js';
import type { Subcommand } from './types.js';

/** Every subcommand, in the order --help and the man page list them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  hostCheck,
  collector,
  completionCommand(() => SUBCOMMANDS),
];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((c) => c.name === name);
}
