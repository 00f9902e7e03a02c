import type { Options } from './options.js';
import { formatEntries } from './values.js';

/** Quotes a word for a POSIX shell only when it needs it. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The flags that repeat a run without questions: every answer the wizard
 * gives has a flag, and this is where that promise is kept.
 */
export function equivalentCommand(o: Options): string {
  const args = ['fix-clock-drift'];
  if (o.rootGiven) args.push('--root', o.root);
  if (o.grubConf !== undefined) args.push('--grub-conf', o.grubConf);
  if (o.output !== undefined) args.push('--output', o.output);
  if (o.diff !== undefined) args.push('--diff', o.diff);
  if (o.release !== undefined) args.push('--release', o.release);
  if (o.arch !== undefined) args.push('--arch', o.arch);
  if (o.pvclock !== undefined) args.push(o.pvclock ? '--pvclock' : '--no-pvclock');
  if (o.lpj === false) args.push('--no-lpj');
  else if (o.lpj !== undefined) args.push('--lpj', String(o.lpj));
  if (o.entries.kind !== 'all') args.push('--entries', formatEntries(o.entries));
  if (o.rules !== undefined) args.push('--rules', o.rules);
  if (o.perEntry) args.push('--per-entry');
  if (o.params) args.push('--params', o.params.join(' '));
  if (o.force) args.push('--force');
  if (o.dryRun) args.push('--dry-run');
  args.push('--yes');
  return args.map(sh).join(' ');
}
