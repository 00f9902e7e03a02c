import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../shared/errors.js';
import {
  DEFAULT_OPTIONS,
  HOST_CHECK_OPTIONS,
  longFlag,
  OPTIONS,
  type HostCheckOptions,
  type OptionSpec,
  type Options,
} from './options.js';
import { InvalidValue } from './values.js';
import { VERSION } from '../shared/version.js';

const EPILOG = `
Exit status: 0 done (also when nothing needs changing), 1 failure, 2 usage error, 130 interrupted.

Examples:
  fix-clock-drift --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000
  fix-clock-drift --root /mnt/guest --dry-run
  fix-clock-drift --grub-conf ./grub.conf --params "notsc lpj=2394000" --output -

grub.conf itself is never changed: review the diff, back up grub.conf, then
rename grub.conf.kvm to grub.conf and reboot the guest.`;

function addOptions(program: Command, specs: readonly OptionSpec[]): void {
  for (const spec of specs) {
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
}

function commonSetup(program: Command): Command {
  return program
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => write(`fix-clock-drift: ${str.replace(/^error: /, '')}`),
    });
}

export function buildHostCheckProgram(): Command {
  const program = commonSetup(
    new Command('fix-clock-drift host-check').description(
      "Checks a KVM host's timekeeping (constant_tsc, C-states, cpufreq, NTP) as the RHEV 3.4 guide 9.16.3 advises; read-only.",
    ),
  ).addHelpText(
    'after',
    '\nExit status: 0 checked (findings are in the report), 1 failure, 2 usage error.',
  );
  addOptions(program, HOST_CHECK_OPTIONS);
  return program;
}

export function buildProgram(): Command {
  const program = commonSetup(
    new Command('fix-clock-drift')
      .description(
        "Writes grub.conf.kvm with the kernel parameters that keep a RHEL KVM guest's clock from drifting, and a diff to review.",
      )
      .usage('[options]\n       fix-clock-drift host-check [--root <dir>] [--json]')
      .version(VERSION, '-V, --version', 'print the version'),
  ).addHelpText('after', EPILOG);
  addOptions(program, OPTIONS);
  return program;
}

export type ParseOutcome =
  | { kind: 'run'; options: Options; given: string[] }
  | { kind: 'host-check'; options: HostCheckOptions }
  | { kind: 'exit'; code: number };

function runParser(program: Command, argv: readonly string[]): number | undefined {
  try {
    program.parse([...argv], { from: 'user' });
    return undefined;
  } catch (err) {
    if (err instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return done.includes(err.code) ? 0 : 2;
    }
    throw err;
  }
}

/** Parses argv (without node and script) into Options; help and version end the run with 0. */
export function parseArgs(argv: readonly string[]): ParseOutcome {
  if (argv[0] === 'host-check') {
    const host = buildHostCheckProgram();
    const code = runParser(host, argv.slice(1));
    if (code !== undefined) return { kind: 'exit', code };
    const o = host.opts<{ root?: string; json?: boolean }>();
    return { kind: 'host-check', options: { root: o.root ?? '/', json: o.json === true } };
  }
  const program = buildProgram();
  const code = runParser(program, argv);
  if (code !== undefined) return { kind: 'exit', code };
  // commander keys by the camel-cased long flag: grubConf, dryRun ...
  const o = program.opts<Partial<Options>>();
  const options: Options = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  options.rootGiven = o.root !== undefined;
  checkCombinations(options);
  return { kind: 'run', options, given: givenFlags(argv) };
}

/** The long flags on the command line ('--release' of '--release=5.4' too), in table order. */
function givenFlags(argv: readonly string[]): string[] {
  const words = argv.map((a) => a.split('=')[0]);
  return OPTIONS.map(longFlag).filter((flag) => words.includes(flag));
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
