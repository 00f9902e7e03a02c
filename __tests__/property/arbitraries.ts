/**
 * fast-check generators shared by the property tests: raw byte strings, and a
 * model of realistic GRUB legacy grub.conf files that remembers which line
 * of each entry carries the Linux command line, so the parser's answer can be
 * checked against what the generator meant.
 */
import fc from 'fast-check';
import { RULE_SETS } from '../../src/rules/registry.js';
import { LPJ_PLACEHOLDER } from '../../src/rules/types.js';

/**
 * fast-check settings for one property. FC_SEED (and FC_PATH, as printed by
 * a failure) replay a failing run; FC_RUNS_SCALE multiplies every run count
 * (e.g. 10 for a long soak).
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const scale = Number(process.env.FC_RUNS_SCALE ?? '1');
  const params: fc.Parameters<unknown> = {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
  };
  if (process.env.FC_SEED !== undefined) params.seed = Number(process.env.FC_SEED);
  if (process.env.FC_PATH !== undefined) params.path = process.env.FC_PATH;
  return params;
}

// Every property of a run, including any that does not go through runs(),
// takes FC_SEED: a failure replays with the seed it printed.
if (process.env.FC_SEED !== undefined) {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.FC_SEED) });
}

const latin1 = (codes: readonly number[]): string => String.fromCharCode(...codes);

// ---------------------------------------------------------------------------
// Byte strings

/** Pieces that make a byte string look enough like grub.conf to reach the parser's corners. */
const FRAGMENTS = [
  'title ',
  'title\t',
  '\ttitle=',
  'kernel ',
  'kernel=',
  '\tkernel /vmlinuz-2.6.18 ro ',
  '  kernel --no-mem-option /vmlinuz ',
  'kernel /xen.gz ',
  'module /vmlinuz-xen ',
  '\tmodule ',
  'module',
  'chainloader +1',
  'default=0',
  'default saved',
  '# kernel /old ',
  'root (hd0,0)',
  'lpj=1000 ',
  'notsc',
  'acpi_osi="!Windows 2012"',
  '--type=linux ',
  '\r',
  '\n',
  '\r\n',
  '\r\r\n',
  '\t',
  ' ',
  '"',
  '=',
  '#',
  '\0',
  '\xff',
  '\xe9',
  '\x80',
  '\xc3\xa9',
];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }).map((c) => latin1([c])) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

/** A line that starts like a directive GRUB knows, then goes anywhere. */
const grubishLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '\t', '  ', ' \t', '\0'),
    fc.constantFrom(
      'title',
      'title',
      'kernel',
      'kernel',
      'module',
      'default',
      'chainloader',
      'root',
      '#',
      '',
      'Title',
      'kernel\xe9',
    ),
    fc.constantFrom('', ' ', '\t', '=', ' = ', '  '),
    fc.array(fragment, { maxLength: 8 }),
    fc.constantFrom('\n', '\n', '\r\n', '\r\r\n', '\r', ''),
  )
  .map(([ind, kw, sep, rest, eol]) => `${ind}${kw}${sep}${rest.join('')}${eol}`);

/** Arbitrary bytes, plus byte strings built from grub-like pieces and awkward bytes. */
export const grubishBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)) },
  {
    weight: 4,
    arbitrary: fc
      .array(grubishLine, { maxLength: 80, size: 'medium' })
      .map((lines) => Buffer.from(lines.join(''), 'latin1')),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 512 })
      .map((a) => Buffer.from(a.map((b) => [0x0a, 0x0d, 0x09, 0x20, 0x22, 0x3d, 0x23, 0][b % 8]!))),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fragment, { maxLength: 400, size: 'medium' })
      .map((parts) => Buffer.from(parts.join(''), 'latin1')),
  },
);

// ---------------------------------------------------------------------------
// Realistic grub.conf files

export type ModelKind = 'linux' | 'multiboot' | 'none';

export interface ModelLine {
  text: string;
  eol: '' | '\n' | '\r\n';
}

export interface ModelEntry {
  kind: ModelKind;
  /** Line numbers in the rendered file. */
  titleLine: number;
  linuxLine?: number;
  /** The Linux kernel image, and for Xen the hypervisor, as written. */
  image?: string;
  hypervisor?: string;
  /** The arguments after the image, as generated (a word with an open quote included). */
  args?: string[];
  /** The Linux command line has an odd number of `"`. */
  unbalanced: boolean;
}

export interface GrubFile {
  text: string;
  lines: ModelLine[];
  entries: ModelEntry[];
}

interface EntryDraft {
  kind: ModelKind;
  /** Lines of the entry (title first) without fillers. */
  lines: string[];
  /** Index into `lines` of the Linux command line. */
  linux?: number;
  image?: string;
  hypervisor?: string;
  args?: string[];
}

const indent = fc.constantFrom('', '', '\t', '\t', '    ', '  ', ' \t', '\t ', '\t\t', '        ');
const blanks = fc.constantFrom(' ', ' ', ' ', '\t', '  ', ' \t', '\t\t');
const separator = fc.oneof(
  { weight: 8, arbitrary: blanks },
  { weight: 1, arbitrary: fc.constantFrom('=', ' = ', '\t=') },
);
const trailing = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '  ', ' \t ') },
);
const version = fc
  .tuple(fc.integer({ min: 8, max: 420 }), fc.constantFrom('el5', 'EL', 'el6', 'ELsmp', 'el5PAE'))
  .map(([n, s]) => `2.6.18-${n}.${s}`);

const latin1Char = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 3, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constantFrom(0x09, 0x0d, 0x22, 0x3d, 0x23) },
);

const titleText = fc.oneof(
  version.map((v) => `Red Hat Enterprise Linux Server (${v})`),
  version.map((v) => `CentOS (${v}) \xe9t\xe9`),
  fc.constantFrom('Windows', 'Other', 'R\xe9cup\xe9ration', 'Wiederherstellung (\xdcber)', ''),
  fc.array(latin1Char, { maxLength: 40 }).map(latin1),
);

/** Arguments a real kernel line carries, clock ones included. */
const plainArg = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'ro',
      'rhgb',
      'quiet',
      'root=/dev/VolGroup00/LogVol00',
      'root=LABEL=/',
      'console=tty0',
      'console=ttyS0,115200n8',
      'crashkernel=128M@16M',
      'selinux=0',
      'elevator=deadline',
      'rd_NO_LUKS',
      'KEYTABLE=us',
      'acpi_osi="!Windows 2012"',
      'acpi_osi="Linux"',
    ),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'clocksource=tsc',
      'clocksource=hpet',
      'clock=tsc',
      'clock=pit',
      'notsc',
      'lpj=123',
      'lpj=',
      'lpj',
      'divider=10',
      'divider=100',
      'hpet=disable',
      'notsc=1',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99999999 }).map((n) => `lpj=${n}`) },
);
/** Arguments that leave a `"` open: the kernel reads the rest of the line as one argument. */
const unbalancedArg = fc.constantFrom('acpi_osi="!Windows', 'foo="bar', '"', 'a"b"c"');

const argList = fc.oneof(
  { weight: 8, arbitrary: fc.array(plainArg, { maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(plainArg, { maxLength: 4 }),
        unbalancedArg,
        fc.array(plainArg, { maxLength: 3 }),
      )
      .map(([a, u, b]) => [...a, u, ...b]),
  },
);

/** ` ARGS` with random blanks before each and after the last, and the list itself. */
const argText = fc
  .tuple(argList, fc.array(blanks, { minLength: 8, maxLength: 8 }), trailing)
  .map(([args, seps, trail]) => ({
    args,
    text: args.map((a, i) => `${seps[i]!}${a}`).join('') + trail,
  }));

function directive(keyword: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(indent, separator, value, trailing)
    .map(([ind, sep, v, trail]) => `${ind}${keyword}${sep}${v}${trail}`);
}

const simple = (keyword: string): fc.Arbitrary<string> =>
  fc.tuple(indent, trailing).map(([ind, t]) => `${ind}${keyword}${t}`);

const globalDirective: fc.Arbitrary<string> = fc.oneof(
  directive('default', fc.oneof(fc.nat({ max: 9 }).map(String), fc.constant('saved'))),
  directive('timeout', fc.nat({ max: 30 }).map(String)),
  directive('fallback', fc.nat({ max: 3 }).map(String)),
  simple('hiddenmenu'),
  directive(
    'splashimage',
    fc.constantFrom('(hd0,0)/grub/splash.xpm.gz', '(hd0,1)/boot/grub/x.xpm.gz'),
  ),
  directive('password', fc.constantFrom('--md5 $1$w7Epf0$vX6rxpozznLAVxZGkcFcs.', 'secret')),
  directive('serial', fc.constant('--unit=0 --speed=115200')),
  directive('terminal', fc.constant('--timeout=5 serial console')),
);

const comment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '#',
    '# grub.conf generated by anaconda',
    '#boot=/dev/sda',
    '#\tkernel /vmlinuz-old ro notsc',
    '  # module /vmlinuz lpj=1',
    '\t#title commented out',
  ),
  fc.array(latin1Char, { maxLength: 30 }).map((cs) => `#${latin1(cs)}`),
);
const blankLine = fc.constantFrom('', '', ' ', '\t', ' \t ');
const filler = fc.oneof(comment, blankLine);
/** Mostly nothing, sometimes a comment or blank line or two. */
const fillers = fc.oneof(
  { weight: 5, arbitrary: fc.constant<string[]>([]) },
  { weight: 2, arbitrary: fc.array(filler, { minLength: 1, maxLength: 2 }) },
);

const titleLine = fc
  .tuple(indent, blanks, titleText)
  .map(([ind, sep, t]) => `${ind}title${sep}${t}`);
const rootLine = fc.oneof(
  directive('root', fc.constantFrom('(hd0,0)', '(hd0,1)', '(hd1,0)')),
  directive('rootnoverify', fc.constantFrom('(hd0,0)', '(hd0,1)')),
);
const initrdLine = version.chain((v) => directive('initrd', fc.constant(`/initrd-${v}.img`)));
const extraLine = fc.constantFrom('\tsavedefault', '\tmakeactive', '  lock', '\thiddenmenu');
const imagePrefix = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('--no-mem-option ', '--type=linux ', '--type=linux\t') },
);

const linuxEntry: fc.Arbitrary<EntryDraft> = fc
  .tuple(
    titleLine,
    fc.option(rootLine, { freq: 4 }),
    indent,
    separator,
    imagePrefix,
    version,
    fc.constantFrom('/vmlinuz-', '/boot/vmlinuz-'),
    argText,
    fc.option(initrdLine, { freq: 4 }),
    fc.option(extraLine, { freq: 5 }),
  )
  .map(([title, root, ind, sep, pre, v, path, args, initrd, extra]) => {
    const lines = [title];
    if (root !== null) lines.push(root);
    const linux = lines.length;
    const image = `${path}${v}`;
    lines.push(`${ind}kernel${sep}${pre}${image}${args.text}`);
    if (initrd !== null) lines.push(initrd);
    if (extra !== null) lines.push(extra);
    return { kind: 'linux' as const, lines, linux, image, args: args.args };
  });

const xenEntry: fc.Arbitrary<EntryDraft> = fc
  .tuple(
    titleLine,
    rootLine,
    indent,
    version,
    fc.constantFrom('', ' dom0_mem=512M', ' com1=115200,8n1 console=com1', ' dom0_mem=1024M\t'),
    indent,
    separator,
    argText,
    fc.option(initrdLine, { freq: 6 }),
    fc.boolean(),
  )
  .map(([title, root, ind, v, xenArgs, mind, msep, args, initrd, emptyModule]) => {
    const hypervisor = `/xen.gz-${v}`;
    const lines = [title, root, `${ind}kernel ${hypervisor}${xenArgs}`];
    if (emptyModule) {
      // A `module` line that names nothing: nothing boots Linux here.
      lines.push(`${mind}module`);
      return { kind: 'none' as const, lines, hypervisor };
    }
    const linux = lines.length;
    const image = `/vmlinuz-${v}xen`;
    lines.push(`${mind}module${msep}${image}${args.text}`);
    lines.push(`${mind}module /initrd-${v}xen.img`);
    if (initrd !== null) lines.push(initrd);
    return { kind: 'multiboot' as const, lines, linux, image, hypervisor, args: args.args };
  });

const noLinuxEntry: fc.Arbitrary<EntryDraft> = fc.oneof(
  fc
    .tuple(
      titleLine,
      directive('rootnoverify', fc.constant('(hd0,1)')),
      fc.constantFrom('+1', '(hd0,1)+1'),
    )
    .map(([t, r, c]) => ({ kind: 'none' as const, lines: [t, r, `\tchainloader ${c}`] })),
  fc.tuple(titleLine, fc.option(rootLine)).map(([t, r]) => ({
    kind: 'none' as const,
    lines: r === null ? [t] : [t, r],
  })),
  fc
    .tuple(titleLine, rootLine, initrdLine)
    .map(([t, r, i]) => ({ kind: 'none' as const, lines: [t, r, i] })),
  // A kernel line with no image.
  fc.tuple(titleLine, indent, trailing).map(([t, ind, tr]) => ({
    kind: 'none' as const,
    lines: [t, `${ind}kernel${tr}`],
  })),
);

const entryDraft: fc.Arbitrary<EntryDraft> = fc.oneof(
  { weight: 6, arbitrary: linuxEntry },
  { weight: 2, arbitrary: xenEntry },
  { weight: 2, arbitrary: noLinuxEntry },
);

interface EntryWithFillers {
  draft: EntryDraft;
  /** fillers[i] goes after the entry's line i. */
  fillers: string[][];
}

const entryWithFillers: fc.Arbitrary<EntryWithFillers> = fc
  .tuple(entryDraft, fc.array(fillers, { minLength: 8, maxLength: 8 }))
  .map(([draft, f]) => ({ draft, fillers: f }));

type EolMode = 'lf' | 'crlf' | 'mixed';

const fileShape = fc.record({
  head: fc.array(fc.oneof(globalDirective, filler), { maxLength: 10 }),
  entries: fc.array(entryWithFillers, { maxLength: 7 }),
  /** Entries to write again after the others, so that lines repeat as they do in real files. */
  clones: fc.oneof(
    { weight: 3, arbitrary: fc.constant<number[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) },
  ),
  eolMode: fc.constantFrom<EolMode>('lf', 'lf', 'crlf', 'mixed'),
  eolBits: fc.array(fc.boolean(), { minLength: 1, maxLength: 61 }),
  finalNewline: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
});

/** Realistic grub.conf files, with where their entries' Linux lines are. */
export const grubFile: fc.Arbitrary<GrubFile> = fileShape.map((shape) => {
  const texts: string[] = [...shape.head];
  const entries: ModelEntry[] = [];
  const all = [...shape.entries];
  if (all.length > 0) for (const c of shape.clones) all.push(all[c % shape.entries.length]!);
  for (const { draft, fillers: f } of all) {
    const titleLineNo = texts.length;
    let linuxLine: number | undefined;
    draft.lines.forEach((line, i) => {
      if (i === draft.linux) linuxLine = texts.length;
      texts.push(line);
      texts.push(...(f[i] ?? []));
    });
    const linuxText = linuxLine === undefined ? '' : (texts[linuxLine] as string);
    const { kind, image, hypervisor, args } = draft;
    entries.push({
      kind,
      titleLine: titleLineNo,
      ...(linuxLine === undefined ? {} : { linuxLine }),
      ...(image === undefined ? {} : { image }),
      ...(hypervisor === undefined ? {} : { hypervisor }),
      ...(args === undefined ? {} : { args }),
      unbalanced: (linuxText.match(/"/g) ?? []).length % 2 === 1,
    });
  }
  const lines: ModelLine[] = texts.map((text, i) => {
    const crlf =
      shape.eolMode === 'crlf' ||
      (shape.eolMode === 'mixed' && shape.eolBits[i % shape.eolBits.length]!);
    return { text, eol: crlf ? '\r\n' : '\n' };
  });
  if (!shape.finalNewline) {
    // A last line with neither text nor newline is no line at all.
    while (lines.length > 0 && lines.at(-1)!.text === '') lines.pop();
    if (lines.length > 0) lines.at(-1)!.eol = '';
  }
  return { text: lines.map((l) => l.text + l.eol).join(''), lines, entries };
});

// ---------------------------------------------------------------------------
// Parameters to add

/** Every distinct parameter list the rule tables ask for, `lpj=n` still a placeholder. */
export const RULE_PARAM_SETS: readonly (readonly string[])[] = [
  ...new Map(
    RULE_SETS.flatMap((s) => s.rows.map((r) => r.params)).map((p) => [p.join(' '), p]),
  ).values(),
];

const lpjValue = fc.oneof(
  fc.constant(2394000),
  fc.constant(123),
  fc.integer({ min: 1, max: 99999999 }),
);

/** Realistic parameter lists (distinct names), lpj filled in. */
export const paramSet: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom<readonly string[]>(
          ['notsc', LPJ_PLACEHOLDER],
          ['clocksource=acpi_pm', LPJ_PLACEHOLDER],
          ['clock=pmtmr'],
          ['notsc'],
        ),
      },
      { weight: 2, arbitrary: fc.constantFrom(...RULE_PARAM_SETS) },
    ),
    lpjValue,
  )
  .map(([template, lpj]) => template.map((p) => (p === LPJ_PLACEHOLDER ? `lpj=${lpj}` : p)));
