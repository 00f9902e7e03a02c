import type { checkbox, confirm, input, select } from '@inquirer/prompts';
import { displayText } from '../shared/bytes.js';
import { defaultEntry } from '../grub/select.js';
import type { GrubEntry } from '../grub/model.js';
import type { Inspection } from '../grub/result.js';
import { kernelOfImage } from '../plan/kernel.js';
import { factsThatMatter } from '../plan/questions.js';
import { chooseRuleSets } from '../rules/registry.js';
import { compareReleases } from '../rules/release.js';
import type { Arch } from '../rules/types.js';
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

  // Only what the rows for this release (and the entries' kernels) depend on is asked.
  const decidedFor = [
    o.release,
    ...kernelReleases(
      (ins.config?.entries ?? []).filter((e) => e.kind !== 'none'),
      base.entries,
    ),
  ];
  const matter = factsThatMatter(
    chooseRuleSets(base.rules, ins.detected?.hypervisor),
    decidedFor,
    o.arch,
  );
  if (matter.pvclock)
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

  if (matter.lpj) {
    const lpj = await prompts.input(
      {
        message: 'Loops per jiffy (lpj); blank leaves lpj out',
        default: facts.lpj.value === undefined ? '' : String(facts.lpj.value),
        validate: validator(parseLpj, true),
      },
      ctx,
    );
    o.lpj = lpj.trim() === '' ? false : parseLpj(lpj);
  }

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
