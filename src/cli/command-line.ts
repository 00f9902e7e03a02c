import { OPTIONS } from './options.js';
import type { Options } from './options.js';

/** Quotes a word for a POSIX shell only when it needs it. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The flags that repeat a run without questions, built from the options
 * table: every option says how its value is given again, so a new flag
 * cannot silently drop out of this line.
 */
export function equivalentCommand(o: Options): string {
  const args = ['fix-clock-drift'];
  for (const spec of OPTIONS) if (spec.repeat) args.push(...spec.repeat(o));
  args.push('--yes');
  return args.map(sh).join(' ');
}
