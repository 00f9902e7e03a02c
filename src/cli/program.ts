import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { DEFAULT_OPTIONS, OPTIONS, type Options } from './options.js';
import { InvalidValue } from './values.js';
import { VERSION } from './version.js';

const EPILOG = `
Exit status: 0 done (also when nothing needs changing), 1 failure, 2 usage error, 130 interrupted.

Examples:
  fix-clock-drift --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000
  fix-clock-drift --root /mnt/guest --dry-run
  fix-clock-drift --grub-conf ./grub.conf --params "notsc lpj=2394000" --output -

grub.conf itself is never changed: review the diff, back up grub.conf, then
rename grub.conf.kvm to grub.conf and reboot the guest.`;

export function buildProgram(): Command {
  const program = new Command('fix-clock-drift')
    .description(
      "Writes grub.conf.kvm with the kernel parameters that keep a RHEL KVM guest's clock from drifting, and a diff to review.",
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .addHelpText('after', EPILOG)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`fix-clock-drift: ${str.replace(/^error: /, '')}`),
    });
  for (const spec of OPTIONS) {
    const description = spec.defaultText
      ? `${spec.description} (default: ${spec.defaultText})`
      : spec.description;
    const option = new Option(spec.flags, description);
    const parse = spec.parse;
    if (parse) {
      option.argParser((value: string) => {
        try {
          return parse(value);
        } catch (err) {
          if (err instanceof InvalidValue) throw new InvalidArgumentError(err.message);
          throw err;
        }
      });
    }
    program.addOption(option);
  }
  return program;
}

export type ParseOutcome = { kind: 'run'; options: Options } | { kind: 'exit'; code: number };

/** Parses argv (without node and script) into Options; help and version end the run with 0. */
export function parseArgs(argv: readonly string[]): ParseOutcome {
  const program = buildProgram();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return { kind: 'exit', code: 0 };
      }
      return { kind: 'exit', code: 2 };
    }
    throw err;
  }
  // commander keys by the camel-cased long flag: grubConf, dryRun ...
  const o = program.opts<Partial<Options>>();
  const options: Options = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  options.rootGiven = o.root !== undefined;
  checkCombinations(options);
  return { kind: 'run', options };
}

function checkCombinations(o: Options): void {
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
