import { UsageError } from '../shared/errors.js';
import { longFlag, OPTIONS, type Mode } from './options.js';

const MODE_WORDS: Readonly<Record<Mode, string>> = {
  grub: 'a GRUB legacy run (grub.conf)',
  'boot.ini': 'a Windows boot.ini run (it only adds /usepmtimer)',
  'list-rules': '--list-rules',
};

/**
 * Refuses a flag given for a mode it means nothing in, rather than ignoring
 * it: `--params notsc` on a boot.ini run would otherwise look as if it had
 * been used.
 */
export function checkFlagsApply(given: readonly string[], mode: Mode): void {
  const stray = OPTIONS.filter((o) => given.includes(longFlag(o)) && !o.modes.includes(mode));
  if (stray.length === 0) return;
  const flags = stray.map(longFlag);
  throw new UsageError(
    `${flags.join(', ')} ${flags.length > 1 ? 'do' : 'does'} not apply to ${MODE_WORDS[mode]}: drop ${flags.length > 1 ? 'them' : 'it'}`,
  );
}
