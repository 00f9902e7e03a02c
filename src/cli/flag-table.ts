import { findSubcommand, SUBCOMMANDS } from './commands/index.js';
import { OPTIONS, type FlagSpec } from './options.js';

/** The flag table in Markdown, for the README. */
export function renderFlagTable(
  options: readonly FlagSpec[] = OPTIONS,
  withVersion = true,
): string {
  const rows = options.map((o) => {
    const def = o.defaultText ? ` (default: ${o.defaultText})` : '';
    // Outside code spans, <root> would be read as an HTML tag.
    return `| \`${o.flags}\` | ${`${o.description}${def}`.replace(/</g, '&lt;')} |`;
  });
  return [
    '| flag | meaning |',
    '|---|---|',
    ...rows,
    '| `-h, --help` | show this help |',
    ...(withVersion ? ['| `-V, --version` | print the version |'] : []),
  ].join('\n');
}

/** A subcommand's flag table (it has no --version of its own). */
export function renderSubcommandTable(name: string): string {
  const c = findSubcommand(name);
  if (!c) throw new Error(`no subcommand ${name}`);
  return renderFlagTable(c.flags, false);
}

/** Every subcommand's name, in registry order: the README has a flag table for each. */
export function subcommandNames(): string[] {
  return SUBCOMMANDS.map((c) => c.name);
}
