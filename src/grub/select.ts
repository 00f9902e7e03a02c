import { ToolError, UsageError } from '../shared/errors.js';
import type { EntrySelection } from '../shared/options.js';
import { displayText } from '../shared/bytes.js';
import type { GrubConfig, GrubEntry } from './model.js';

export interface Selection {
  /** Entries whose Linux command line will be edited. */
  entries: GrubEntry[];
  warnings: string[];
}

/** The entry `default=` points at, or why it cannot be told. */
export function defaultEntry(config: GrubConfig): { entry?: GrubEntry; problem?: string } {
  const d = config.defaults.at(-1);
  if (!d) return { entry: config.entries[0] };
  let value = d.value;
  let where = `default=${d.value} (line ${d.line + 1})`;
  if (value === 'saved' && config.saved) {
    value = String(config.saved.entry);
    where = `default=saved (line ${d.line + 1}: entry ${value} in ${config.saved.source})`;
  }
  if (!/^\d+$/.test(value)) {
    const why =
      value === 'saved'
        ? 'names the entry savedefault kept, and no saved entry was found'
        : 'does not name an entry by number';
    return { problem: `${where} ${why}` };
  }
  const entry = config.entries[Number(value)];
  if (!entry)
    return {
      problem: `${where} points past the last entry (${config.entries.length} entries)`,
    };
  return { entry };
}

function label(e: GrubEntry): string {
  return `entry ${e.index} "${displayText(e.title)}"`;
}

export function selectEntries(config: GrubConfig, which: EntrySelection, file: string): Selection {
  const warnings: string[] = [];
  const linux = config.entries.filter((e) => e.kind !== 'none');
  if (config.defaults.length > 1) {
    warnings.push(
      `${file} has ${config.defaults.length} default lines; GRUB uses the last one (line ${(config.defaults.at(-1)?.line ?? 0) + 1})`,
    );
  }
  const d = defaultEntry(config);
  if (d.problem) warnings.push(d.problem);
  if (which.kind === 'all') return { entries: linux, warnings };
  if (which.kind === 'default') {
    if (!d.entry)
      throw new ToolError(
        `--entries default: ${d.problem}; choose entries by number with --entries N`,
      );
    if (d.entry.kind === 'none')
      throw new ToolError(
        `--entries default: the default ${label(d.entry)} boots no Linux kernel (${d.entry.reason})`,
      );
    return { entries: [d.entry], warnings };
  }
  const count = config.entries.length;
  const entries: GrubEntry[] = [];
  for (const i of which.indices) {
    const e = config.entries[i];
    if (!e)
      throw new UsageError(
        `--entries ${i}: ${file} has ${count} entries, numbered 0 to ${count - 1}; or use all or default`,
      );
    if (e.kind === 'none')
      throw new UsageError(
        `--entries ${i}: ${label(e)} boots no Linux kernel (${e.reason}); choose another entry`,
      );
    entries.push(e);
  }
  return { entries, warnings };
}

/** Why a config has nothing to edit: no entry boots Linux. */
export function describeEntries(config: GrubConfig, file: string): string {
  const what = config.entries.map((e) => `${label(e)}: ${e.reason ?? e.kind}`).join('; ');
  return `${file} has no entry that boots a Linux kernel (${what}), so there is nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`;
}
