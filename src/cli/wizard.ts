import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { emitKeypressEvents } from 'node:readline';
import { EXIT_INTERRUPTED } from '../shared/errors.js';
import { displayText } from '../shared/bytes.js';
import { writePatch } from '../output/color.js';
import { checkTarget } from '../output/write.js';
import { defaultEntry } from '../grub/select.js';
import type { GrubEntry } from '../grub/model.js';
import { kernelOfImage } from '../plan/kernel.js';
import { compareReleases } from '../rules/release.js';
import { factLines, renderSummary } from '../grub/text.js';
import { inspect } from '../grub/inspect.js';
import { prepare } from '../grub/prepare.js';
import type { Inspection, RunResult } from '../grub/result.js';
import { commitResult } from '../output/commit.js';
import type { GuestAccess } from '../output/guest.js';
import { outcomeExitCode } from '../output/target.js';
import type { Arch } from '../rules/types.js';
import { equivalentCommand } from './command-line.js';
import type { Options } from './options.js';
import { InvalidValue, parseLpj, parseRelease, type EntrySelection } from './values.js';

/** The prompts the wizard asks with; tests pass their own. */
export interface Prompts {
  input: typeof input;
  select: typeof select;
  confirm: typeof confirm;
  checkbox: typeof checkbox;
}

export interface WizardIo {
  prompts: Prompts;
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborts the prompt under way (Esc). */
  signal?: AbortSignal;
}

function validator(
  parse: (v: string) => unknown,
  allowBlank = false,
): (v: string) => true | string {
  return (v) => {
    if (allowBlank && v.trim() === '') return true;
    try {
      parse(v);
      return true;
    } catch (err) {
      return err instanceof InvalidValue ? err.message : String(err);
    }
  };
}

/** Asks for what the flags did not settle, with detection's answers as defaults. */
export async function askOptions(base: Options, ins: Inspection, io: WizardIo): Promise<Options> {
  const { prompts } = io;
  const ctx = io.signal ? { signal: io.signal } : {};
  const { facts } = ins;
  const o: Options = { ...base };

  const release = await prompts.input(
    {
      message: 'Guest release (RHEL X.Y)',
      ...(facts.release.value !== undefined ? { default: facts.release.value } : {}),
      validate: validator(parseRelease),
    },
    ctx,
  );
  o.release = parseRelease(release);

  o.arch = await prompts.select<Arch>(
    {
      message: 'Architecture',
      choices: [
        { name: 'x86_64 (64-bit, AMD64/Intel 64)', value: 'x86_64' },
        { name: 'x86 (32-bit: i386, i586, i686)', value: 'x86' },
      ],
      ...(facts.arch.value !== undefined ? { default: facts.arch.value } : {}),
    },
    ctx,
  );

  o.pvclock = await prompts.select<boolean>(
    {
      message: 'Does the guest kernel have kvm-clock (the paravirtualized clock)?',
      choices: [
        { name: 'no: the kernel lacks kvm-clock', value: false },
        { name: 'yes: the kernel has kvm-clock', value: true },
      ],
      default: facts.pvclock.value ?? false,
    },
    ctx,
  );

  const lpj = await prompts.input(
    {
      message: 'Loops per jiffy (lpj); blank leaves lpj out',
      default: facts.lpj.value === undefined ? '' : String(facts.lpj.value),
      validate: validator(parseLpj, true),
    },
    ctx,
  );
  o.lpj = lpj.trim() === '' ? false : parseLpj(lpj);

  const linux = (ins.config?.entries ?? []).filter((e) => e.kind !== 'none');
  // --entries given with the wizard sets which boxes start checked.
  const def = ins.config && defaultEntry(ins.config).entry;
  const preset =
    base.entries.kind === 'indices'
      ? new Set(base.entries.indices)
      : base.entries.kind === 'default' && def
        ? new Set([def.index])
        : undefined;
  if (linux.length > 1) {
    const chosen = await prompts.checkbox<number>(
      {
        message: 'Entries to edit (space toggles, enter accepts)',
        choices: (ins.config?.entries ?? []).map((e) => ({
          name: `${e.index}: ${displayText(e.title)}`,
          value: e.index,
          checked: e.kind !== 'none' && (preset?.has(e.index) ?? true),
          disabled: e.kind === 'none' ? `boots no Linux kernel (${e.reason})` : false,
        })),
        required: true,
      },
      ctx,
    );
    const all = chosen.length === linux.length;
    o.entries = all
      ? { kind: 'all' }
      : ({ kind: 'indices', indices: [...chosen].sort((a, b) => a - b) } satisfies EntrySelection);
  }

  const releases = kernelReleases(linux, o.entries);
  if (releases.length > 1) {
    o.perEntry = await prompts.confirm(
      {
        message: `Decide each entry from its own kernel's release (they boot ${releases.join(', ')})? No: all get the parameters for ${o.release}`,
        default: base.perEntry,
      },
      ctx,
    );
  }
  return o;
}

/** The RHEL releases of the kernels the chosen entries boot (2.6.18-164.el5 is 5.4), in order. */
function kernelReleases(entries: readonly GrubEntry[], which: EntrySelection): string[] {
  const chosen =
    which.kind === 'indices' ? entries.filter((e) => which.indices.includes(e.index)) : entries;
  const releases = new Set<string>();
  for (const e of chosen) {
    const release = kernelOfImage(e.image).release?.release;
    if (release !== undefined) releases.add(release);
  }
  return [...releases].sort(compareReleases);
}

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
    if (result.outcome === 'ready') {
      // Refuse an existing output now rather than after "yes".
      if (result.where !== undefined && access.sink)
        await access.sink.check(result.output as string, result.diffPath as string, options.force);
      else {
        await checkTarget(result.output as string, options.force);
        await checkTarget(result.diffPath as string, options.force);
      }
      const ctx = real.signal ? { signal: real.signal } : {};
      const write = await real.prompts.confirm(
        {
          message: `Write ${result.output} and ${result.diffPath}? (grub.conf is not touched)`,
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
