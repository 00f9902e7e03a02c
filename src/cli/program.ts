import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { refuseFlagsAsValues } from './combinations.js';
import { findSubcommand, SUBCOMMANDS } from './commands/index.js';
import type { FlagValues, Subcommand } from './commands/types.js';
import { DEFAULT_OPTIONS, longFlag, OPTIONS, type FlagSpec, type Options } from './options.js';
import { InvalidValue } from './values.js';
import { VERSION_HELP, versionText } from './version-text.js';

const EPILOG = `
Exit status: 0 done (also when nothing needs changing), 1 failure, 2 usage error, 130 interrupted.

Examples:
  fix-clock-drift --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000
  fix-clock-drift --root /mnt/guest --dry-run
  fix-clock-drift --grub-conf ./grub.conf --params "notsc lpj=2394000" --output -

grub.conf itself is never changed: review the diff, back up grub.conf, then
rename grub.conf.kvm to grub.conf and reboot the guest.`;

function addOptions(program: Command, specs: readonly FlagSpec[]): void {
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

/** The last error commander reported, for --json (commander prints it itself otherwise). */
let lastError = '';

function commonSetup(program: Command): Command {
  return program
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({
      outputError: (str, write) => {
        lastError = str.replace(/^error: /, '').trim();
        write(`fix-clock-drift: ${str.replace(/^error: /, '')}`);
      },
    });
}

export function buildSubcommandProgram(c: Subcommand): Command {
  const program = commonSetup(new Command(`fix-clock-drift ${c.name}`))
    .description(c.description)
    .addHelpText('after', `\nExit status: ${c.exitStatus}`);
  if (c.args) program.arguments(c.args);
  addOptions(program, c.flags);
  return program;
}

export function buildProgram(): Command {
  const usage = [
    '[options]',
    ...SUBCOMMANDS.map(
      (c) => `       fix-clock-drift ${c.name} [options]${c.args ? ` ${c.args}` : ''}`,
    ),
  ].join('\n');
  const commands = SUBCOMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n');
  const program = commonSetup(
    new Command('fix-clock-drift')
      .description(
        "Writes grub.conf.kvm with the kernel parameters that keep a RHEL KVM guest's clock from drifting, and a diff to review.",
      )
      .usage(usage)
      .version(versionText(), '-V, --version', VERSION_HELP),
  ).addHelpText(
    'after',
    `\nCommands (fix-clock-drift COMMAND --help for each):\n${commands}\n${EPILOG}`,
  );
  addOptions(program, OPTIONS);
  return program;
}

export type ParseOutcome =
  | { kind: 'run'; options: Options; given: string[] }
  | { kind: 'subcommand'; command: Subcommand; values: FlagValues; args: string[] }
  | { kind: 'exit'; code: number; message?: string };

function runParser(program: Command, argv: readonly string[]): ParseOutcome | undefined {
  try {
    lastError = '';
    program.parse([...argv], { from: 'user' });
    return undefined;
  } catch (err) {
    if (err instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return done.includes(err.code)
        ? { kind: 'exit', code: 0 }
        : { kind: 'exit', code: 2, message: lastError || err.message };
    }
    throw err;
  }
}

/** The long flags on the command line ('--release' of '--release=5.4' too), in table order. */
function givenFlags(argv: readonly string[], specs: readonly FlagSpec[]): string[] {
  const words = argv.map((a) => a.split('=')[0]);
  return specs.map((s) => longFlag(s)).filter((flag) => words.includes(flag));
}

/**
 * Parses argv (without node and script): a subcommand's, or the main run's
 * Options. Help and version end the run with 0; a usage error with 2 and
 * its message (printed by commander unless --json asks for JSON).
 */
export function parseArgs(argv: readonly string[]): ParseOutcome {
  const command = findSubcommand(argv[0]);
  if (command) {
    const rest = argv.slice(1);
    refuseFlagsAsValues(rest, command.flags);
    const program = buildSubcommandProgram(command);
    const stop = runParser(program, rest);
    if (stop) return stop;
    return { kind: 'subcommand', command, values: program.opts(), args: [...program.args] };
  }
  refuseFlagsAsValues(argv, OPTIONS);
  const program = buildProgram();
  const stop = runParser(program, argv);
  if (stop) return stop;
  // commander keys by the camel-cased long flag: grubConf, dryRun ...
  const o = program.opts<Partial<Options>>();
  const options: Options = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(o)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  options.rootGiven = o.root !== undefined;
  return { kind: 'run', options, given: givenFlags(argv, OPTIONS) };
}
