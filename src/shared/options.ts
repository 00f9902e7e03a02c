/** 64-bit x86 (AMD64/Intel 64) or 32-bit x86 (i386, i586, i686). */
export type Arch = 'x86_64' | 'x86';

/** Which entries to edit: every Linux entry, the default one, or by number. */
export type EntrySelection =
  { kind: 'all' } | { kind: 'default' } | { kind: 'indices'; indices: number[] };

/**
 * What a run is asked to do. The flags and the wizard both produce this;
 * everything after it is one pipeline.
 */
export interface Options {
  root: string;
  /** --root was given (detection then never looks at this machine's own /). */
  rootGiven: boolean;
  grubConf?: string;
  output?: string;
  diff?: string;
  release?: string;
  arch?: Arch;
  /** true/false from --pvclock/--no-pvclock; undefined: detect or assume. */
  pvclock?: boolean;
  /** A number from --lpj; false from --no-lpj; undefined: detect. */
  lpj?: number | false;
  entries: EntrySelection;
  params?: string[];
  /** A rule set name (--rules); absent: chosen from the guest (see rules/registry.ts). */
  rules?: string;
  /** Decide each entry from the release of the kernel it boots. */
  perEntry: boolean;
  /** Explain each parameter: what it does, which row asked for it, and why that row. */
  explain: boolean;
  /** A Windows boot.ini to edit instead of grub.conf. */
  bootIni?: string;
  /** A facts bundle the collector printed on the guest ('-': stdin). */
  facts?: string;
  /** A live guest to reach over SSH: [user@]host. */
  ssh?: string;
  /** The ssh command to use instead of `ssh` (like rsync's -e). */
  sshCommand?: string;
  /** With --facts: put the guest-side writer of the pair in this file instead of writing it. */
  emitWriter?: string;
  listRules: boolean;
  dryRun: boolean;
  json: boolean;
  force: boolean;
  yes: boolean;
  debug: boolean;
}

/** What a run assumes where its command line is silent (the flag table's defaults). */
export const DEFAULT_OPTIONS: Pick<
  Options,
  | 'root'
  | 'rootGiven'
  | 'entries'
  | 'perEntry'
  | 'explain'
  | 'listRules'
  | 'dryRun'
  | 'json'
  | 'force'
  | 'yes'
  | 'debug'
> = {
  root: '/',
  rootGiven: false,
  perEntry: false,
  explain: false,
  listRules: false,
  entries: { kind: 'all' },
  dryRun: false,
  json: false,
  force: false,
  yes: false,
  debug: false,
};
