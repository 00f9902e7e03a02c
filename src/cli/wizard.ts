import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import { EXIT_INTERRUPTED } from '../shared/errors.js';
import { writePatch } from '../output/color.js';
import { checkTarget } from '../output/write.js';
import { factLines, renderSummary } from '../grub/text.js';
import { inspect } from '../grub/inspect.js';
import { prepare } from '../grub/prepare.js';
import type { Inspection, RunResult } from '../grub/result.js';
import { alreadyCurrent, commitResult } from '../output/commit.js';
import type { GuestAccess } from '../output/guest.js';
import { outcomeExitCode } from '../output/target.js';
import { equivalentCommand } from './command-line.js';
import type { Options } from './options.js';
import { askOptions, type WizardIo } from './wizard-questions.js';

export { askOptions, type Prompts, type WizardIo } from './wizard-questions.js';

/**
 * An answer that only confirmed what detection found is not a flag: the
 * pipeline is run without it, so the report still names the file the fact
 * came from. The printed command line keeps every answer.
 */
function keepDetectedSources(o: Options, base: Options, ins: Inspection): Options {
  const out: Options = { ...o };
  const { facts } = ins;
  if (base.release === undefined && o.release === facts.release.value) delete out.release;
  if (base.arch === undefined && o.arch === facts.arch.value) delete out.arch;
  if (base.pvclock === undefined && o.pvclock === facts.pvclock.value) delete out.pvclock;
  if (base.lpj === undefined && o.lpj === facts.lpj.value) delete out.lpj;
  return out;
}

function isCancel(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')
  );
}

function show(io: WizardIo, lines: string[]): void {
  io.out.write(`${lines.join('\n')}\n`);
}

function showResult(io: WizardIo, result: RunResult): void {
  const { before } = renderSummary(result);
  show(io, before);
  if (result.patch) writePatch(io.out, result.patch);
}

/** Listens for Esc on a TTY and aborts the prompt under way. */
function escapeAborts(stdin: NodeJS.ReadStream, controller: AbortController): () => void {
  emitKeypressEvents(stdin);
  const onKey = (_s: string, key: { name?: string } | undefined): void => {
    if (key?.name === 'escape') controller.abort();
  };
  stdin.on('keypress', onKey);
  // Listening started stdin flowing; a wizard that ends before any prompt
  // must pause it again, or the process would wait for input forever.
  return () => {
    stdin.off('keypress', onKey);
    stdin.pause();
  };
}

/** The interactive front door: same options, same pipeline, with questions and a last look before writing. */
export async function runWizard(access: GuestAccess, io?: WizardIo): Promise<number> {
  const base = access.options;
  const controller = new AbortController();
  const real: WizardIo = io ?? {
    prompts: { input, select, confirm, checkbox },
    out: process.stdout,
    signal: controller.signal,
  };
  const stop = io ? () => undefined : escapeAborts(process.stdin, controller);
  try {
    const ins = await inspect(access);
    // An unusable config is said before any question, not after all of them.
    if (ins.inputError && !base.params) throw ins.inputError;
    show(real, [
      `fix-clock-drift: ${ins.inputPath ?? ins.root} (interactive: Ctrl-C or Esc cancels; nothing is written until you say so)`,
      '',
      'Detected (each answer below defaults to it):',
      ...factLines(ins.facts, ins.detected),
      ...(ins.detectionSkipped ? [`  (detection skipped: ${ins.detectionSkipped})`] : []),
      '',
    ]);
    const options = await askOptions(base, ins, real);
    const result = await prepare(
      { ...access, options: keepDetectedSources(options, base, ins) },
      ins,
    );
    showResult(real, result);
    let final = result;
    if (await alreadyCurrent(result, access.sink)) final = { ...result, outcome: 'current' };
    else if (result.outcome === 'ready') {
      // Refuse an existing output now rather than after "yes".
      if (result.where !== undefined && access.sink)
        await access.sink.check(result.output as string, result.diffPath as string, options.force);
      else {
        await checkTarget(result.output as string, options.force);
        await checkTarget(result.diffPath as string, options.force);
      }
      const ctx = real.signal ? { signal: real.signal } : {};
      const at = result.where === undefined ? '' : `${result.where}:`;
      const write = await real.prompts.confirm(
        {
          message: `Write ${at}${result.output} and ${at}${result.diffPath}? (grub.conf is not touched)`,
          default: true,
        },
        ctx,
      );
      final = write
        ? await commitResult(result, options.force, access.sink)
        : { ...result, outcome: 'declined' };
    }
    show(real, renderSummary(final).after);
    show(real, ['', 'The same run without questions:', `  ${equivalentCommand(options)}`]);
    return outcomeExitCode(final.outcome);
  } catch (err) {
    if (isCancel(err)) {
      real.out.write('\nCancelled: nothing was written.\n');
      return EXIT_INTERRUPTED;
    }
    throw err;
  } finally {
    stop();
  }
}
