import type { Arch } from '../shared/options.js';

export type { Arch };

/** Whether a row applies with kvm-clock, without it, or either way ("-" in the tables). */
export type PvclockCondition = 'yes' | 'no' | 'any';

/**
 * The distribution a row's releases belong to. SLES releases are written
 * "X.Y" like RHEL's, with Y the service pack (SLES 10 SP2 = 10.2).
 */
export type Distro = 'rhel' | 'sles';

/**
 * How a release that no row covers is mapped to a row (see policy.ts):
 * - `same-major`: the highest row of the same major release below it, else
 *   the lowest one above it (what selectRule does);
 * - `none`: not at all; only a row whose range covers the release applies.
 */
export type Extrapolation = 'same-major' | 'none';

/** The placeholder the tables use for the guest CPU's loops-per-jiffy. */
export const LPJ_PLACEHOLDER = 'lpj=n';

export interface ReleaseRange {
  /** Lowest release the row covers, "X.Y". */
  min: string;
  /** Highest release covered; absent = "and later". */
  max?: string;
  /** The release as the source table writes it. */
  label: string;
}

export interface RuleRow {
  /** Position in the source table, counted from 1, top to bottom. */
  row: number;
  release: ReleaseRange;
  arch: Arch;
  pvclock: PvclockCondition;
  /** Parameters exactly as the source lists them (`lpj=n` included). */
  params: readonly string[];
  /** The document and section this row is copied from. */
  source: string;
  note?: string;
  /** Absent = 'rhel'. */
  distro?: Distro;
}

export interface RuleSet {
  name: string;
  title: string;
  /** Document and section the whole table comes from. */
  source: string;
  /** The hypervisor whose guests the table is written for. */
  hypervisor: 'kvm' | 'vmware';
  /** How a release between rows is mapped to a row, in words for the report. */
  policy: string;
  /** The policy in machine form; absent = 'same-major'. */
  extrapolate?: Extrapolation;
  /** The source's own remarks that go with the table (not rows). */
  notes?: readonly string[];
  rows: readonly RuleRow[];
}

export interface RuleQuery {
  release: string;
  arch: Arch;
  /** Whether the guest kernel has kvm-clock. */
  pvclock: boolean;
  /** Absent = 'rhel'. */
  distro?: Distro;
}

export interface RuleMatch {
  set: RuleSet;
  row: RuleRow;
  /** False when the release has no row of its own and a neighbour's was used. */
  exact: boolean;
  /** In words: which row, and why that one. */
  reason: string;
}

export interface NoRule {
  set: RuleSet;
  reason: string;
}
