import { UsageError } from '../shared/errors.js';
import { longFlag, type FlagSpec, type Options } from './options.js';

/** Flags whose value may be '-': it means stdout or stdin there. */
const DASH_ALLOWED = new Set(['--output', '--facts']);

/**
 * A flag that takes a value, followed by something that looks like a flag:
 * the value is missing (`--output --dry-run` would write a file named
 * --dry-run). A negative number ('-5') is left to the value's own check.
 */
export function refuseFlagsAsValues(argv: readonly string[], specs: readonly FlagSpec[]): void {
  const takesValue = new Set(specs.filter((s) => / </.test(s.flags)).map((s) => longFlag(s)));
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (!takesValue.has(flag)) continue;
    const value = argv[i + 1];
    if (value === undefined) continue; // commander says the value is missing
    if (value === '-' && DASH_ALLOWED.has(flag)) continue;
    if (/^--?[A-Za-z]/.test(value) || value === '-' || value === '--')
      throw new UsageError(
        `${flag} needs a value, but the next word is ${value === '-' ? "'-'" : `the flag ${value}`}: give ${flag} its value first`,
      );
  }
}

const PAIRS: readonly [string, string, string][] = [
  ['--pvclock', '--no-pvclock', 'the guest kernel has kvm-clock or lacks it: give one'],
  ['--lpj', '--no-lpj', 'give an lpj or leave it out: give one'],
  ['--params', '--per-entry', '--params gives every entry the same parameters: drop one'],
  ['--params', '--rules', '--params replaces the rule tables: drop one'],
  ['--params', '--lpj', '--params is used exactly as given: put lpj=N in it, or drop --params'],
  ['--facts', '--ssh', 'a guest comes from a bundle or over SSH: give one'],
  ['--facts', '--root', "--facts holds the guest's files: drop --root"],
  ['--facts', '--grub-conf', "--facts holds the guest's grub.conf: drop --grub-conf"],
  ['--ssh', '--root', '--ssh reads the live guest itself: drop --root'],
  ['--ssh', '--grub-conf', '--ssh reads the grub.conf the guest boots from: drop --grub-conf'],
  ['--ssh-command', '--facts', '--ssh-command is how --ssh connects: drop it'],
];

/** Flags that contradict each other, and values no path can have. */
export function checkCombinations(o: Options, given: readonly string[]): void {
  for (const [a, b, why] of PAIRS) {
    if (given.includes(a) && given.includes(b))
      throw new UsageError(`${a} and ${b} together: ${why}`);
  }
  if (given.includes('--emit-writer') && !given.includes('--facts'))
    throw new UsageError(
      "--emit-writer works with --facts: give the bundle the guest's collector printed",
    );
  for (const flag of ['--output', '--diff'])
    if (given.includes('--emit-writer') && given.includes(flag))
      throw new UsageError(
        `--emit-writer and ${flag} together: the writer writes beside grub.conf on the guest; drop ${flag}`,
      );
  if (given.includes('--ssh-command') && !given.includes('--ssh'))
    throw new UsageError('--ssh-command without --ssh: give the guest with --ssh [user@]host');
  if (o.output === '-' && o.json)
    throw new UsageError('--output - and --json both want stdout: drop one of them');
  if (o.output === '-' && o.diff !== undefined)
    throw new UsageError('--output - writes nothing but stdout: drop --diff');
  if (o.output === '' || o.diff === '' || o.grubConf === '' || o.root === '') {
    throw new UsageError(
      'a path flag (--root, --grub-conf, --output, --diff) was given an empty value',
    );
  }
}
