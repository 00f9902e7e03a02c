import { check } from './check.js';
import { collector } from './collector.js';
import { drift } from './drift.js';
import { fleetReport } from './fleet-report.js';
import { fleetStep } from './fleet-step.js';
import { completionCommand } from './completion.js';
import { hostCheck } from './host-check.js';
import { install } from './install.js';
import { rollback } from './rollback.js';
import type { Subcommand } from './types.js';

/** Every subcommand, in the order --help and the man page list them. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  install,
  rollback,
  check,
  drift,
  hostCheck,
  collector,
  fleetReport,
  fleetStep,
  completionCommand(() => SUBCOMMANDS),
];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
  return SUBCOMMANDS.find((c) => c.name === name);
}
