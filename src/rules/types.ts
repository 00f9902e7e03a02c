/** 64-bit x86 (AMD64/Intel 64) or 32-bit x86 (i386, i586, i686). */
export type Arch = 'x86_64' | 'x86';

/** Whether a row applies with kvm-clock, without it, or either way ("-" in the tables). */
export type PvclockCondition = 'yes' | 'no' | 'any';

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
  rows: readonly RuleRow[];
}
