/**
 * Which RHEL minor release a kernel comes from, by its version: a grub.conf
 * often lists kernels of several minors, and each entry can be decided on
 * its own.
 *
 * Source: the GA kernel of each minor release as Red Hat lists them
 * ("Red Hat Enterprise Linux Release Dates", Red Hat Customer Portal article
 * 3078, with the kernel of each release), tabulated in the project's
 * reference timekeeping-rules.md, "Kernel version to RHEL minor" and "the
 * releases the table above lacks" (RHEL 3.0 to 3.8 and 7.0 to 7.9).
 */

/** What the table is and where it comes from, for --list-rules. */
export const KERNEL_TABLE_SOURCE =
  'GA kernels of each minor release (Red Hat Customer Portal, "Red Hat Enterprise Linux Release Dates")';

export interface KernelRow {
  /** The RHEL release, "X.Y". */
  release: string;
  /** The upstream base version the RHEL major ships, e.g. "2.6.18". */
  base: string;
  /** The first build number of the release's kernels (2.6.18-194 for 5.5). */
  build: number;
}

// prettier-ignore
export const KERNEL_ROWS: readonly KernelRow[] = [
  { release: '3.0', base: '2.4.21', build: 4 },
  { release: '3.1', base: '2.4.21', build: 9 },
  { release: '3.2', base: '2.4.21', build: 15 },
  { release: '3.3', base: '2.4.21', build: 20 },
  { release: '3.4', base: '2.4.21', build: 27 },
  { release: '3.5', base: '2.4.21', build: 32 },
  { release: '3.6', base: '2.4.21', build: 37 },
  { release: '3.7', base: '2.4.21', build: 40 },
  { release: '3.8', base: '2.4.21', build: 47 },
  { release: '3.9', base: '2.4.21', build: 50 },
  { release: '4.0', base: '2.6.9', build: 5 },
  { release: '4.1', base: '2.6.9', build: 11 },
  { release: '4.2', base: '2.6.9', build: 22 },
  { release: '4.3', base: '2.6.9', build: 34 },
  { release: '4.4', base: '2.6.9', build: 42 },
  { release: '4.5', base: '2.6.9', build: 55 },
  { release: '4.6', base: '2.6.9', build: 67 },
  { release: '4.7', base: '2.6.9', build: 78 },
  { release: '4.8', base: '2.6.9', build: 89 },
  { release: '4.9', base: '2.6.9', build: 100 },
  { release: '5.0', base: '2.6.18', build: 8 },
  { release: '5.1', base: '2.6.18', build: 53 },
  { release: '5.2', base: '2.6.18', build: 92 },
  { release: '5.3', base: '2.6.18', build: 128 },
  { release: '5.4', base: '2.6.18', build: 164 },
  { release: '5.5', base: '2.6.18', build: 194 },
  { release: '5.6', base: '2.6.18', build: 238 },
  { release: '5.7', base: '2.6.18', build: 274 },
  { release: '5.8', base: '2.6.18', build: 308 },
  { release: '5.9', base: '2.6.18', build: 348 },
  { release: '5.10', base: '2.6.18', build: 371 },
  { release: '5.11', base: '2.6.18', build: 398 },
  { release: '6.0', base: '2.6.32', build: 71 },
  { release: '6.1', base: '2.6.32', build: 131 },
  { release: '6.2', base: '2.6.32', build: 220 },
  { release: '6.3', base: '2.6.32', build: 279 },
  { release: '6.4', base: '2.6.32', build: 358 },
  { release: '6.5', base: '2.6.32', build: 431 },
  { release: '6.6', base: '2.6.32', build: 504 },
  { release: '6.7', base: '2.6.32', build: 573 },
  { release: '6.8', base: '2.6.32', build: 642 },
  { release: '6.9', base: '2.6.32', build: 696 },
  { release: '6.10', base: '2.6.32', build: 754 },
  { release: '7.0', base: '3.10.0', build: 123 },
  { release: '7.1', base: '3.10.0', build: 229 },
  { release: '7.2', base: '3.10.0', build: 327 },
  { release: '7.3', base: '3.10.0', build: 514 },
  { release: '7.4', base: '3.10.0', build: 693 },
  { release: '7.5', base: '3.10.0', build: 862 },
  { release: '7.6', base: '3.10.0', build: 957 },
  { release: '7.7', base: '3.10.0', build: 1062 },
  { release: '7.8', base: '3.10.0', build: 1127 },
  { release: '7.9', base: '3.10.0', build: 1160 },
];

/** "RHEL 3.0 to 3.9 (2.4.21-4 to -50)", one part per major, for --list-rules. */
export function kernelTableCoverage(): string[] {
  const majors = new Map<string, KernelRow[]>();
  for (const r of KERNEL_ROWS) {
    const major = r.release.split('.')[0] as string;
    majors.set(major, [...(majors.get(major) ?? []), r]);
  }
  return [...majors.values()].map((rows) => {
    const a = rows[0] as KernelRow;
    const b = rows.at(-1) as KernelRow;
    return `RHEL ${a.release} to ${b.release} (${a.base}-${a.build} to -${b.build})`;
  });
}

export interface KernelRelease {
  release: string;
  /**
   * True when the build number is the row's own: the release's first kernel
   * or an update of it (2.6.18-194.el5, 2.6.18-194.8.1.el5). False when it
   * lies between rows (2.6.18-200.el5: reaches 5.5, short of 5.6's -238,
   * e.g. a 5.6 beta) or beyond the last row of its series.
   */
  exact: boolean;
  row: KernelRow;
}

export interface KernelUnknown {
  /** Why no release: for the report. */
  reason: string;
}

export interface KernelVersion {
  /** "2.6.18" */
  base: string;
  /** 194 in 2.6.18-194.8.1.el5 */
  build: number;
  /** [8, 1] in 2.6.18-194.8.1.el5: the z-stream update of the build. */
  updates: number[];
  /** The distribution tag: "EL" (RHEL 3 and 4), "elN", another ("fc12"), or undefined when absent. */
  tag: string | undefined;
  /** What follows the tag's major: "smp", "xen", "PAE", "" ... */
  flavour: string;
}

/** base-build, update numbers, then the suffix (".el5xen", ".ELsmp", ".el6.x86_64"...). */
const VERSION =
  /^(\d+\.\d+\.\d+)-(\d+)((?:\.\d+)*)((?:\.[A-Za-z][A-Za-z0-9_+-]*(?:\.[A-Za-z0-9_+-]+)*)?)$/;

/**
 * A RHEL kernel's suffix: the distribution tag, an optional z-stream mark,
 * the flavour, then any dotted parts: ".EL", ".ELsmp", ".ELhugemem",
 * ".el5", ".el5xen", ".el5PAE", ".el6.x86_64", ".el5.centos.plus",
 * ".el6_4.x86_64".
 */
const RHEL_SUFFIX = /^\.(EL|el\d+)(?:_\d+)?([A-Za-z0-9_-]*)/;

/**
 * Splits a kernel version as `uname -r` or a grub.conf kernel path shows it
 * ("/vmlinuz-2.6.18-194.el5" works too). Undefined when it is not of the
 * form base-build[.update...][.suffix]. A suffix that is not RHEL's gives
 * its first part as the tag ("fc12" of ".fc12").
 */
export function parseKernelVersion(version: string): KernelVersion | undefined {
  const text = version
    .trim()
    .replace(/^.*\//, '')
    .replace(/^vmlinuz-/, '');
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const suffix = m[4] as string;
  const rhel = RHEL_SUFFIX.exec(suffix);
  const tag = rhel ? rhel[1] : suffix === '' ? undefined : suffix.slice(1).split('.')[0];
  const updates = (m[3] as string).split('.').filter(Boolean).map(Number);
  return { base: m[1] as string, build: Number(m[2]), updates, tag, flavour: rhel?.[2] ?? '' };
}

/** RHEL 3 and 4 tag their kernels "EL", later majors "el5", "el6". */
function expectedTag(major: number): string {
  return major <= 4 ? 'EL' : `el${major}`;
}

/**
 * The release a kernel belongs to, or why none: "the highest row whose build
 * number it reaches" within the rows of its base version.
 *
 * Not a release (reason given):
 * - a base version the table does not list (2.6.39, 4.18.0 of RHEL 8 ...);
 * - no RHEL tag, or the tag of another major (2.6.18-194.fc12), or Oracle's
 *   UEK (2.6.32-100.28.5.el6uek: its builds follow their own numbering);
 * - a build below the series' first row (2.6.18-1.2747.el5, 2.6.32-44.el6:
 *   pre-release kernels).
 */
export function classifyKernel(version: string): KernelRelease | KernelUnknown {
  const v = parseKernelVersion(version);
  if (!v) return { reason: `"${version}" is not a kernel version of the form 2.6.18-194.el5` };
  const series = KERNEL_ROWS.filter((r) => r.base === v.base);
  const first = series[0];
  if (!first) {
    const bases = [...new Set(KERNEL_ROWS.map((r) => r.base))].join(', ');
    const span = `RHEL ${KERNEL_ROWS[0]?.release} to ${KERNEL_ROWS.at(-1)?.release}`;
    return { reason: `kernel ${v.base} is not in the kernel table (it lists ${bases}: ${span})` };
  }
  const major = Number(first.release.split('.')[0]);
  const tag = expectedTag(major);
  if (v.tag !== tag) {
    return {
      reason: `kernel ${v.base}-${v.build} has ${v.tag ? `the tag .${v.tag}` : 'no distribution tag'}, not RHEL ${major}'s .${tag}`,
    };
  }
  if (/uek/i.test(v.flavour)) {
    return {
      reason: `kernel ${v.base}-${v.build}.${v.tag}${v.flavour} is Oracle's Unbreakable Enterprise Kernel, whose build numbers are not RHEL's`,
    };
  }
  const row = series.filter((r) => v.build >= r.build).at(-1);
  if (!row) {
    return {
      reason: `kernel ${v.base}-${v.build} is below ${first.base}-${first.build}, the first kernel the table lists for RHEL ${major} (${first.release}): a pre-release or an earlier update it does not list`,
    };
  }
  return { release: row.release, exact: v.build === row.build, row };
}

export function isKernelRelease(r: KernelRelease | KernelUnknown): r is KernelRelease {
  return 'release' in r;
}

/** The release a kernel belongs to; undefined when classifyKernel gives a reason instead. */
export function kernelToRelease(version: string): KernelRelease | undefined {
  const r = classifyKernel(version);
  return isKernelRelease(r) ? r : undefined;
}
