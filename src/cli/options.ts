import type { Options } from '../shared/options.js';
import { parseArch, parseEntries, parseLpj, parseParams, parseRelease } from './values.js';

export type { Options };

/**
 * The one table of flags: it builds the commander program (and so
 * `--help`), and the README's flag table is rendered from it and checked
 * against it by a test.
 */
export interface OptionSpec {
  /** As commander takes it: '--release <X.Y>', '--no-pvclock'. */
  flags: string;
  description: string;
  /** The default, in words, for help and README. */
  defaultText?: string;
  parse?: (value: string) => unknown;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--root <dir>',
    description: 'guest filesystem root to work on; every default path is under it',
    defaultText: '/',
  },
  {
    flags: '--grub-conf <path>',
    description: 'GRUB legacy config to read (never written)',
    defaultText: '<root>/boot/grub/grub.conf, else <root>/boot/grub/menu.lst',
  },
  {
    flags: '--output <path>',
    description: 'where to write the edited config; - prints it on stdout and writes nothing else',
    defaultText: '<grub-conf>.kvm (grub.conf.kvm)',
  },
  {
    flags: '--diff <path>',
    description: 'where to write the unified diff from grub.conf to the output',
    defaultText: '<output>.diff',
  },
  {
    flags: '--release <X.Y>',
    description: 'guest RHEL release, e.g. 5.4, 4.8, 3.9',
    parse: parseRelease,
  },
  {
    flags: '--arch <arch>',
    description: 'guest architecture: x86_64 (amd64), or 32-bit i386, i586, i686, x86',
    parse: parseArch,
  },
  { flags: '--pvclock', description: 'the guest kernel has kvm-clock (the paravirtualized clock)' },
  {
    flags: '--no-pvclock',
    description: 'the guest kernel lacks kvm-clock',
    defaultText: 'assumed when nothing tells',
  },
  {
    flags: '--lpj <n>',
    description: "loops-per-jiffy of the guest's CPU, for rules that ask for lpj=n",
    parse: parseLpj,
  },
  { flags: '--no-lpj', description: 'leave lpj out even where a rule asks for it' },
  {
    flags: '--entries <which>',
    description:
      'entries to edit: all, default (the one default= points at), or zero-based numbers such as 0 or 0,2',
    defaultText: 'all',
    parse: parseEntries,
  },
  {
    flags: '--params <args>',
    description:
      'use exactly these kernel parameters instead of the rule table, e.g. "notsc lpj=2394000"',
    parse: parseParams,
  },
  {
    flags: '--rules <name>',
    description: 'rule set to use: rhev-3.4, rhel6-guide or vmware-kb-1006427 (see --list-rules)',
    defaultText: 'rhev-3.4, then rhel6-guide for RHEL 6 and later; vmware-kb-1006427 on VMware',
  },
  {
    flags: '--list-rules',
    description: 'print the rule sets, their sources and policies, and exit',
  },
  {
    flags: '--per-entry',
    description:
      'decide each entry from the RHEL release of the kernel it boots (2.6.18-164.el5 is 5.4)',
  },
  {
    flags: '--explain',
    description:
      'explain each parameter: what it does, which row of which source asked for it, and the facts that chose that row',
  },
  {
    flags: '--boot-ini <path>',
    description:
      'edit a Windows boot.ini instead: add /usepmtimer to its OS entries (writes boot.ini.kvm and a diff)',
    defaultText: '<root>/boot.ini when the root is a Windows disk',
  },
  { flags: '--dry-run', description: 'print the diff and write nothing' },
  { flags: '--json', description: 'print a machine-readable report on stdout instead of prose' },
  { flags: '--force', description: 'allow replacing an existing output or diff file' },
  { flags: '--yes', description: 'never prompt' },
  { flags: '--debug', description: 'show stack traces of unexpected errors' },
];

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

/** Options of `fix-clock-drift host-check`, the read-only check of a KVM host. */
export interface HostCheckOptions {
  root: string;
  json: boolean;
}

export const HOST_CHECK_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--root <dir>',
    description: "host filesystem root to check (a mounted host disk: then nothing is 'running')",
    defaultText: '/',
  },
  { flags: '--json', description: 'print a machine-readable report on stdout instead of prose' },
];

/** The flag table in Markdown, for the README. */
export function renderFlagTable(
  options: readonly OptionSpec[] = OPTIONS,
  withVersion = true,
): string {
  const rows = options.map((o) => {
    const def = o.defaultText ? ` (default: ${o.defaultText})` : '';
    // Outside code spans, <root> would be read as an HTML tag.
    return `| \`${o.flags}\` | ${`${o.description}${def}`.replace(/</g, '&lt;')} |`;
  });
  return [
    '| flag | meaning |',
    '|---|---|',
    ...rows,
    '| `-h, --help` | show this help |',
    ...(withVersion ? ['| `-V, --version` | print the version |'] : []),
  ].join('\n');
}
