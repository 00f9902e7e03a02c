/**
 * Every row of every rule set, one by one, against its source table. The
 * tables are copied below as literal text (from timekeeping-rules.md and the
 * seed document kvm-timing-management.txt) and parsed here; the parsers are
 * deliberately independent of the data files.
 */
import semver from 'semver';
import { releaseVersion } from '../../src/rules/release.js';
import { rhel6Guide } from '../../src/rules/rhel6-guide.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import type { Arch, Distro, PvclockCondition, RuleRow, RuleSet } from '../../src/rules/types.js';
import { vmwareKb1006427 } from '../../src/rules/vmware-kb-1006427.js';
import { RULE_SETS } from '../../src/rules/registry.js';

// timekeeping-rules.md, section 1 (RHEV 3.4 Administration Guide, 9.16.3).
// prettier-ignore
const RHEV34_TABLE = [
  '| release | arch | pvclock | additional kernel parameters |',
  '|---|---|---|---|',
  '| 5.4 | x86_64 | yes | none |',
  '| 5.4 | x86_64 | no | `notsc lpj=n` |',
  '| 5.4 | x86 | yes | none |',
  '| 5.4 | x86 | no | `clocksource=acpi_pm lpj=n` |',
  '| 5.3 | x86_64 | - | `notsc` |',
  '| 5.3 | x86 | - | `clocksource=acpi_pm` |',
  '| 4.8 | x86_64 | - | `notsc` |',
  '| 4.8 | x86 | - | `clock=pmtmr` |',
  '| 3.9 | x86_64 | - | none |',
  '| 3.9 | x86 | - | none |',
].join('\n');

// kvm-timing-management.txt, the table of the seed document itself.
// prettier-ignore
const RHEV34_SEED_TEXT = [
  '5.4 AMD64/Intel 64 with the paravirtualized clock Additional parameters are not required',
  '5.4 AMD64/Intel 64 without the paravirtualized clock notsc lpj=n',
  '5.4 x86 with the paravirtualized clock Additional parameters are not required',
  '5.4 x86 without the paravirtualized clock clocksource=acpi_pm lpj=n',
  '5.3 AMD64/Intel 64 notsc',
  '5.3 x86 clocksource=acpi_pm',
  '4.8 AMD64/Intel 64 notsc',
  '4.8 x86 clock=pmtmr',
  '3.9 AMD64/Intel 64 Additional parameters are not required',
  '3.9 x86 Additional parameters are not required',
].join('\n');

// timekeeping-rules.md, section 2 (RHEL 6 Virtualization Host Configuration
// and Guest Installation Guide, 14.2).
// prettier-ignore
const RHEL6_GUIDE_TABLE = [
  '| release | arch | kvm-clock | additional kernel parameters |',
  '|---|---|---|---|',
  '| 7.0 and later | x86_64 | yes | none |',
  '| 6.1 and later | x86_64 | yes | none |',
  '| 6.0 | x86_64 | yes | none |',
  '| 6.0 | x86_64 | no | `notsc lpj=n` |',
  '| 5.5 | x86_64 | yes | none |',
  '| 5.5 | x86_64 | no | `notsc lpj=n` |',
  '| 5.5 | x86 | yes | none |',
  '| 5.5 | x86 | no | `clocksource=acpi_pm lpj=n` |',
  '| 5.4 | x86_64 | - | `notsc` |',
  '| 5.4 | x86 | - | `clocksource=acpi_pm` |',
  '| 5.3 | x86_64 | - | `notsc` |',
  '| 5.3 | x86 | - | `clocksource=acpi_pm` |',
].join('\n');

// timekeeping-rules.md, section 3 (VMware KB 1006427): the 32-bit table...
// prettier-ignore
const VMWARE_32_TABLE = [
  '| release | additional kernel parameters |',
  '|---|---|',
  '| RHEL 6.x | none |',
  '| RHEL 5.4 to 5.8 | none (divider=10 optional) |',
  '| RHEL 5.1 to 5.3 | `divider=10 clocksource=acpi_pm` |',
  '| RHEL 5.0 | `clocksource=acpi_pm` |',
  '| RHEL 4.7 to 4.9 | `clock=pmtmr divider=10 hpet=disable` |',
  '| RHEL 4.0 to 4.6 | `clock=pmtmr hpet=disable` |',
  '| RHEL 3, 2.1 | none |',
  '| SLES 9, SLES 10 to SP2 | `clock=pmtmr` |',
  '| SLES 11 | none |',
].join('\n');

// ...and the 64-bit facts it states. No stored copy of the article reached
// its 64-bit table (see vmware-kb-1006427.ts), so these are all there is.
// prettier-ignore
const VMWARE_64_TEXT = [
  'The article also has a 64-bit table (for example `notsc divider=10` on RHEL 5.1 to 5.3 and',
  '`notsc` on RHEL 5.0). Read it before encoding VMware rows; it applies only when the guest',
].join('\n');

/** What a row must hold, as read from the source. */
interface Expected {
  row: number;
  release: { min: string; max?: string; label: string };
  arch: Arch;
  pvclock: PvclockCondition;
  params: string[];
  distro: Distro;
  note?: string;
}

function tableCells(text: string): string[][] {
  const lines = text.split('\n');
  expect(lines[1]).toMatch(/^\|(-+\|)+$/);
  return lines.slice(2).map((line) => {
    expect(line.startsWith('| ') && line.endsWith(' |')).toBe(true);
    return line
      .slice(2, -2)
      .split(' | ')
      .map((c) => c.trim());
  });
}

function paramsCell(cell: string): { params: string[]; note?: string } {
  if (cell === 'none') return { params: [] };
  const optional = /^none \((.+)\)$/.exec(cell);
  if (optional) return { params: [], note: optional[1] as string };
  const code = /^`([^`]+)`$/.exec(cell);
  if (!code) throw new Error(`unexpected parameters cell: ${cell}`);
  return { params: (code[1] as string).split(' ') };
}

function archCell(cell: string): Arch {
  if (cell === 'x86_64' || cell === 'AMD64/Intel 64') return 'x86_64';
  if (cell === 'x86') return 'x86';
  throw new Error(`unexpected arch: ${cell}`);
}

function pvCell(cell: string): PvclockCondition {
  return cell === 'yes' ? 'yes' : cell === 'no' ? 'no' : cell === '-' ? 'any' : fail(cell);
}

function fail(what: string): never {
  throw new Error(`unexpected cell: ${what}`);
}

const major = (release: string): number => releaseVersion(release).major;

/** Sections 1 and 2: release | arch | pvclock | parameters. */
function kvmTable(text: string): Expected[] {
  const rows = tableCells(text).map((cells, i): Expected & { later: boolean } => {
    const [release = '', arch = '', pv = '', params = ''] = cells;
    const m = /^(\d+\.\d+)( and later)?$/.exec(release) ?? fail(release);
    const min = m[1] as string;
    return {
      row: i + 1,
      release: { min, max: m[2] ? undefined : min, label: release },
      arch: archCell(arch),
      pvclock: pvCell(pv),
      ...paramsCell(params),
      distro: 'rhel',
      later: m[2] !== undefined,
    };
  });
  // "X and later" is open-ended, unless the table gives a later major its own
  // row for the same guests: then it ends with X's major (rhel6-guide.ts).
  return rows.map(({ later, ...r }) => {
    if (!later) return r;
    const own = rows.some(
      (o) =>
        o !== r &&
        o.arch === r.arch &&
        o.pvclock === r.pvclock &&
        major(o.release.min) > major(r.release.min),
    );
    return own ? { ...r, release: { ...r.release, max: `${major(r.release.min)}.999` } } : r;
  });
}

/** The seed document's own lines: "5.4 AMD64/Intel 64 with the paravirtualized clock notsc". */
function seedText(text: string): Expected[] {
  return text.split('\n').map((line, i) => {
    const m =
      /^(\d+\.\d+) (AMD64\/Intel 64|x86)(?: (with|without) the paravirtualized clock)? (.+)$/.exec(
        line,
      ) ?? fail(line);
    const release = m[1] as string;
    const params =
      m[4] === 'Additional parameters are not required' ? [] : (m[4] as string).split(' ');
    return {
      row: i + 1,
      release: { min: release, max: release, label: release },
      arch: archCell(m[2] as string),
      pvclock: m[3] === 'with' ? 'yes' : m[3] === 'without' ? 'no' : 'any',
      params,
      distro: 'rhel',
    };
  });
}

/**
 * One release name of the VMware table: "6.x" and "3" are a whole major,
 * "5.4 to 5.8" a range, "10 to SP2" SLES 10 up to service pack 2 (10.2).
 */
function vmwareRange(name: string): { min: string; max: string } {
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)(?:\.x)?$/.exec(name))) return { min: `${m[1]}.0`, max: `${m[1]}.999` };
  if ((m = /^(\d+\.\d+) to (\d+\.\d+)$/.exec(name)))
    return { min: m[1] as string, max: m[2] as string };
  if ((m = /^(\d+) to SP(\d+)$/.exec(name))) return { min: `${m[1]}.0`, max: `${m[1]}.${m[2]}` };
  if ((m = /^(\d+\.\d+)$/.exec(name))) return { min: m[1] as string, max: m[1] as string };
  return fail(name);
}

/** "RHEL 3, 2.1" is two rows (RHEL 3 and RHEL 2.1), sharing the table's row number. */
function vmwareNames(
  cell: string,
): { distro: Distro; label: string; range: { min: string; max: string } }[] {
  let distro: Distro | undefined;
  return cell.split(', ').map((part) => {
    const m = /^(?:(RHEL|SLES) )?(.+)$/.exec(part) ?? fail(part);
    if (m[1]) distro = m[1] === 'RHEL' ? 'rhel' : 'sles';
    if (!distro) return fail(cell);
    const prefix = distro === 'rhel' ? 'RHEL' : 'SLES';
    return { distro, label: `${prefix} ${m[2]}`, range: vmwareRange(m[2] as string) };
  });
}

function vmware32(text: string): Expected[] {
  return tableCells(text).flatMap(([release = '', params = ''], i) =>
    vmwareNames(release).map((n) => ({
      row: i + 1,
      release: { ...n.range, label: n.label },
      arch: 'x86' as const,
      pvclock: 'any' as const,
      ...paramsCell(params),
      distro: n.distro,
    })),
  );
}

function vmware64(text: string): Expected[] {
  const facts = [
    ...text.replace(/\n/g, ' ').matchAll(/`([^`]+)` on RHEL (\d+\.\d+(?: to \d+\.\d+)?)/g),
  ];
  return facts.map((f, i) => ({
    row: i + 1,
    release: { ...vmwareRange(f[2] as string), label: `RHEL ${f[2]}` },
    arch: 'x86_64',
    pvclock: 'any',
    params: (f[1] as string).split(' '),
    distro: 'rhel',
  }));
}

function actual(r: RuleRow): Omit<Expected, 'note'> {
  return {
    row: r.row,
    release:
      r.release.max === undefined
        ? { min: r.release.min, label: r.release.label }
        : { ...r.release },
    arch: r.arch,
    pvclock: r.pvclock,
    params: [...r.params],
    distro: r.distro ?? 'rhel',
  };
}

function strip(e: Expected): Omit<Expected, 'note'> {
  const { min, max, label } = e.release;
  const release = max === undefined ? { min, label } : { min, max, label };
  return {
    row: e.row,
    release,
    arch: e.arch,
    pvclock: e.pvclock,
    params: e.params,
    distro: e.distro,
  };
}

/** The rows of each set, in order, and the source table each part of them comes from. */
const SOURCES: {
  set: RuleSet;
  parts: { name: string; rows: RuleRow[]; expected: Expected[]; source: string }[];
}[] = [
  {
    set: rhev34,
    parts: [
      {
        name: 'section 1 table',
        rows: [...rhev34.rows],
        expected: kvmTable(RHEV34_TABLE),
        source: rhev34.source,
      },
    ],
  },
  {
    set: rhel6Guide,
    parts: [
      {
        name: 'section 2 table',
        rows: [...rhel6Guide.rows],
        expected: kvmTable(RHEL6_GUIDE_TABLE),
        source: rhel6Guide.source,
      },
    ],
  },
  {
    set: vmwareKb1006427,
    parts: [
      {
        name: '32-bit table',
        rows: vmwareKb1006427.rows.filter((r) => r.arch === 'x86'),
        expected: vmware32(VMWARE_32_TABLE),
        source: 'VMware KB 1006427, 32-bit kernels table',
      },
      {
        name: '64-bit facts',
        rows: vmwareKb1006427.rows.filter((r) => r.arch === 'x86_64'),
        expected: vmware64(VMWARE_64_TEXT),
        source: 'VMware KB 1006427, 64-bit kernels (2 rows encoded, numbered here)',
      },
    ],
  },
];

describe('the parsed source tables', () => {
  it('have the sizes of the published tables', () => {
    expect(kvmTable(RHEV34_TABLE)).toHaveLength(10);
    expect(seedText(RHEV34_SEED_TEXT)).toHaveLength(10);
    expect(kvmTable(RHEL6_GUIDE_TABLE)).toHaveLength(12);
    // 9 table rows, two of which name two releases each
    expect(tableCells(VMWARE_32_TABLE)).toHaveLength(9);
    expect(vmware32(VMWARE_32_TABLE)).toHaveLength(11);
    expect(vmware64(VMWARE_64_TEXT)).toHaveLength(2);
  });

  it('agree with each other for RHEV 3.4 (markdown table and the seed document)', () => {
    expect(seedText(RHEV34_SEED_TEXT)).toEqual(kvmTable(RHEV34_TABLE));
  });

  it('cover every rule set in the registry', () => {
    expect(SOURCES.map((s) => s.set)).toEqual([...RULE_SETS]);
  });
});

describe.each(SOURCES)('$set.name', ({ set, parts }) => {
  it('is made of the source rows and nothing else', () => {
    expect(parts.reduce((n, p) => n + p.rows.length, 0)).toBe(set.rows.length);
    for (const p of parts) expect(p.rows).toHaveLength(p.expected.length);
  });

  const cases = parts.flatMap((p) =>
    p.expected.map((expected, i) => ({
      part: p.name,
      label: expected.release.label,
      arch: expected.arch,
      pv: expected.pvclock,
      p,
      i,
      expected,
    })),
  );
  it.each(cases)('$part row for $label $arch (kvm-clock $pv)', ({ p, i, expected }) => {
    const row = p.rows[i] as RuleRow;
    expect(row).toBeDefined();
    expect(actual(row)).toEqual(strip(expected));
    expect(row.source).toBe(p.source);
    if (expected.note) expect(row.note).toContain(expected.note);
  });
});

describe.each(RULE_SETS.map((set) => ({ set })))('$set.name rows', ({ set }) => {
  it('are valid ranges', () => {
    for (const r of set.rows) {
      const min = releaseVersion(r.release.min);
      if (r.release.max !== undefined)
        expect(semver.lte(min, releaseVersion(r.release.max))).toBe(true);
      expect(r.source.startsWith(set.source)).toBe(true);
      expect(r.row).toBeGreaterThan(0);
    }
  });

  it('never claim the same release twice for the same guest', () => {
    const pvOverlap = (a: PvclockCondition, b: PvclockCondition): boolean =>
      a === 'any' || b === 'any' || a === b;
    const top = (r: RuleRow): semver.SemVer => releaseVersion(r.release.max ?? '9999.0');
    for (const [i, a] of set.rows.entries()) {
      for (const b of set.rows.slice(i + 1)) {
        if (
          a.arch !== b.arch ||
          (a.distro ?? 'rhel') !== (b.distro ?? 'rhel') ||
          !pvOverlap(a.pvclock, b.pvclock)
        )
          continue;
        const disjoint =
          semver.lt(top(a), releaseVersion(b.release.min)) ||
          semver.lt(top(b), releaseVersion(a.release.min));
        expect({ a: a.release.label, b: b.release.label, disjoint }).toEqual({
          a: a.release.label,
          b: b.release.label,
          disjoint: true,
        });
      }
    }
  });

  it('are told apart by source, row number and release', () => {
    const keys = set.rows.map(
      (r) => `${r.source}|${r.row}|${r.release.label}|${r.arch}|${r.pvclock}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('notes', () => {
  it("rhel6-guide carries the guide's lpj and divider notes", () => {
    const notes = (rhel6Guide.notes ?? []).join('\n');
    expect(notes).toMatch(/lpj.*not known.*do not set lpj/);
    expect(notes).toMatch(/BZ 698842.*5\.8/);
    expect(notes).toMatch(/RHEL 6 is tickless/);
    expect(notes).toMatch(/RHEL 3 never had/);
  });

  it('vmware-kb-1006427 says what of the 64-bit table is missing', () => {
    const notes = (vmwareKb1006427.notes ?? []).join('\n');
    expect(notes).toMatch(/64-bit.*only the RHEL 5\.0 and RHEL 5\.1 to 5\.3 rows/);
    expect(notes).toMatch(/VMware, Inc\./);
    expect(vmwareKb1006427.hypervisor).toBe('vmware');
    expect(vmwareKb1006427.extrapolate).toBe('none');
  });
});
