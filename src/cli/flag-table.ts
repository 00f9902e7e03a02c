import { HOST_CHECK_OPTIONS, OPTIONS, type OptionSpec } from './options.js';

/** The flag table in Markdown, for the README. */
export function renderFlagTable(
  options: readonly OptionSpec[] = OPTIONS,
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

/** The host-check subcommand's flag table (it has no --version of its own). */
export function renderHostFlagTable(): string {
  return renderFlagTable(HOST_CHECK_OPTIONS, false);
}
