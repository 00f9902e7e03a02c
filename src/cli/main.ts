import { EXIT_FAILURE, EXIT_OK, ToolError } from '../shared/errors.js';
import { undoNow } from '../output/cleanup.js';
import { writePatch } from '../output/color.js';
import { outcomeExitCode, type Finished } from '../output/target.js';
import { closeGuest, openGuest } from '../pipeline/guest.js';
import { chooseTarget } from '../pipeline/targets.js';
import { renderKernelTable, renderRuleList, ruleListJson } from '../rules/list.js';
import { checkCombinations } from './combinations.js';
import { handleSignals } from './interrupt.js';
import { checkFlagsApply } from './modes.js';
import type { Options } from './options.js';
import { parseArgs } from './program.js';
import { VERSION } from '../shared/version.js';

type Stream = NodeJS.WriteStream;

/**
 * The report: JSON, or prose around the diff. With --output - the edited
 * file owns stdout and the words go to stderr, without the diff.
 */
function printFinished({ result, json, summary }: Finished, options: Options): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const toStdout = result.outcome === 'stdout';
  const words: Stream = toStdout ? process.stderr : process.stdout;
  words.write(`${summary.before.join('\n')}\n`);
  if (result.patch && !toStdout) writePatch(words, result.patch);
  words.write(`${summary.after.join('\n')}\n`);
  if (toStdout) process.stdout.write(result.newText, 'latin1');
}

/**
 * The wizard starts only for a person at a terminal whose flags leave the
 * release or arch open; pipes, CI, --yes and --json never prompt.
 */
function wantsWizard(o: Options): boolean {
  if (o.yes || o.json || o.output === '-' || o.params) return false;
  if (o.release !== undefined && o.arch !== undefined) return false;
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

function printJsonError(message: string, code: number): void {
  process.stdout.write(
    `${JSON.stringify({ tool: 'fix-clock-drift', version: VERSION, error: message, exitCode: code }, null, 2)}\n`,
  );
}

function printError(err: unknown, options: Options | undefined, json: boolean): number {
  const known = err instanceof ToolError;
  const code = known ? err.exitCode : EXIT_FAILURE;
  const message = known
    ? err.message
    : `unexpected error: ${err instanceof Error ? err.message : String(err)}${options?.debug ? '' : ' (run again with --debug for details)'}`;
  process.stderr.write(`fix-clock-drift: ${message}\n`);
  // A ToolError is the whole story; a stack only helps with the unexpected.
  if (options?.debug && !known && err instanceof Error && err.stack)
    process.stderr.write(`${err.stack}\n`);
  if (json || options?.json) printJsonError(message, code);
  return code;
}

/** A reader that went away (`| head`) ends the run quietly: the work is done, only the telling stops. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    undoNow();
    process.exit(process.exitCode ?? 0);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  // Known before parsing: a usage error, too, is answered in JSON.
  const json = argv.includes('--json');
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  let options: Options | undefined;
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === 'exit') {
      // commander printed the message on stderr; --json wants it on stdout too.
      if (parsed.code !== 0 && json) printJsonError(parsed.message ?? 'usage error', parsed.code);
      return parsed.code;
    }
    handleSignals();
    if (parsed.kind === 'subcommand') return await parsed.command.run(parsed.values, parsed.args);
    options = parsed.options;
    // Which flags apply is said first; then whether those given agree with each other.
    if (options.listRules) {
      checkFlagsApply(parsed.given, 'list-rules');
      process.stdout.write(
        options.json
          ? `${JSON.stringify(ruleListJson(), null, 2)}\n`
          : `${renderRuleList()}\n${renderKernelTable()}\n`,
      );
      return EXIT_OK;
    }
    const target = await chooseTarget(options);
    checkFlagsApply(parsed.given, target.kind);
    checkCombinations(options, parsed.given);
    const access = await openGuest(options);
    try {
      if (target.kind === 'grub' && wantsWizard(options)) {
        // Loaded only here: flag mode never pays for inquirer.
        const { runWizard } = await import('./wizard.js');
        return await runWizard(access);
      }
      const finished = await target.run(access);
      printFinished(finished, options);
      return outcomeExitCode(finished.result.outcome);
    } finally {
      await closeGuest(access);
    }
  } catch (err) {
    return printError(err, options, json);
  } finally {
    undoNow();
  }
}
