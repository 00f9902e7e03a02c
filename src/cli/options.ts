import type { TargetKind } from '../output/target.js';
import { ruleSetNames, rulesFlagHelp } from '../rules/registry.js';
import type { Options } from '../shared/options.js';
import {
  ARCH_WORDS,
  formatEntries,
  parseArch,
  parseEntries,
  parseLpj,
  parseParams,
  parseRelease,
} from './values.js';

export type { Options };

/**
 * What a run does, once its flags and the guest's files have said: edit a
 * GRUB legacy config, edit a Windows boot.ini, or list the rule sets.
 */
export type Mode = TargetKind | 'list-rules';

const EDITS: readonly Mode[] = ['grub', 'boot.ini'];
const GRUB: readonly Mode[] = ['grub'];
const ALL: readonly Mode[] = ['grub', 'boot.ini', 'list-rules'];

/** A flag as commander, --help, the README and the man page show it. */
export interface FlagSpec {
  /** As commander takes it: '--release <X.Y>', '--no-pvclock'. */
  flags: string;
  description: string;
  /** The default, in words, for help and README. */
  defaultText?: string;
  parse?: (value: string) => unknown;
  /** Completion: the words the value can be (--arch x86_64 ...). */
  values?: () => readonly string[];
}

/**
 * The one table of flags: it builds the commander program (and so
 * `--help`), the README's flag table is rendered from it (a test checks
 * it), flags are refused in the modes they do not apply to, and the
 * wizard's "same run without questions" line is built from `repeat`.
 */
export interface OptionSpec extends FlagSpec {
  /** The modes where the flag means something; given in another, it is refused. */
  modes: readonly Mode[];
  /**
   * The words that give this option's value again on a command line, or
   * none when the value is the default. `false`: never repeated (it asks
   * for a different kind of run, or the printed line adds it itself).
   */
  repeat: ((o: Options) => string[]) | false;
}

/** The long flag of a spec: '--release' of '--release <X.Y>'. */
export function longFlag(spec: FlagSpec): string {
  return spec.flags.split(' ')[0] as string;
}

/** `flag value` when the option has a value. */
function valued<K extends keyof Options>(
  flag: string,
  key: K,
  show: (v: NonNullable<Options[K]>) => string = String,
): (o: Options) => string[] {
  return (o) => {
    const v = o[key];
    return v === undefined || v === null ? [] : [flag, show(v as NonNullable<Options[K]>)];
  };
}

/** `flag` when the option is on. */
function when(flag: string, test: (o: Options) => boolean): (o: Options) => string[] {
  return (o) => (test(o) ? [flag] : []);
}

const rules = rulesFlagHelp();

export const OPTIONS: readonly OptionSpec[] = [
  {
    flags: '--root <dir>',
    description: 'guest filesystem root to work on; every default path is under it',
    defaultText: '/',
    modes: EDITS,
    repeat: (o) => (o.rootGiven ? ['--root', o.root] : []),
  },
  {
    flags: '--ssh <[user@]host>',
    description:
      "a live guest to reach with this machine's OpenSSH client: its facts are collected there, and grub.conf.kvm and its diff are written there beside grub.conf (grub.conf is never touched)",
    modes: GRUB,
    repeat: valued('--ssh', 'ssh'),
  },
  {
    flags: '--ssh-command <command>',
    description:
      'the ssh command to use instead of ssh, e.g. "ssh -F ./ssh_config -p 2222" (like rsync -e)',
    defaultText: 'ssh',
    modes: GRUB,
    repeat: valued('--ssh-command', 'sshCommand'),
  },
  {
    flags: '--facts <file>',
    description:
      'decide from a facts bundle printed by the collector on the guest (see the collector command); - reads it from stdin. Outputs go to this directory, named after the guest',
    modes: GRUB,
    repeat: valued('--facts', 'facts'),
  },
  {
    flags: '--emit-writer <file>',
    description:
      "with --facts: put the guest-side sh writer of grub.conf.kvm and its diff in this file instead of writing them, for a fleet tool to run on the guest (the Ansible role's raw task)",
    modes: GRUB,
    repeat: valued('--emit-writer', 'emitWriter'),
  },
  {
    flags: '--grub-conf <path>',
    description: 'GRUB legacy config to read (never written)',
    defaultText: '<root>/boot/grub/grub.conf, else <root>/boot/grub/menu.lst',
    modes: GRUB,
    repeat: valued('--grub-conf', 'grubConf'),
  },
  {
    flags: '--output <path>',
    description: 'where to write the edited config; - prints it on stdout and writes nothing else',
    defaultText: '<grub-conf>.kvm (grub.conf.kvm)',
    modes: EDITS,
    repeat: valued('--output', 'output'),
  },
  {
    flags: '--diff <path>',
    description: 'where to write the unified diff from grub.conf to the output',
    defaultText: '<output>.diff',
    modes: EDITS,
    repeat: valued('--diff', 'diff'),
  },
  {
    flags: '--release <X.Y>',
    description: 'guest RHEL release, e.g. 5.4, 4.8, 3.9',
    parse: parseRelease,
    modes: GRUB,
    repeat: valued('--release', 'release'),
  },
  {
    flags: '--arch <arch>',
    description: 'guest architecture: x86_64 (amd64), or 32-bit i386, i586, i686, x86',
    parse: parseArch,
    values: () => ARCH_WORDS,
    modes: GRUB,
    repeat: valued('--arch', 'arch'),
  },
  {
    flags: '--pvclock',
    description: 'the guest kernel has kvm-clock (the paravirtualized clock)',
    modes: GRUB,
    repeat: when('--pvclock', (o) => o.pvclock === true),
  },
  {
    flags: '--no-pvclock',
    description: 'the guest kernel lacks kvm-clock',
    defaultText: 'assumed when nothing tells',
    modes: GRUB,
    repeat: when('--no-pvclock', (o) => o.pvclock === false),
  },
  {
    flags: '--lpj <n>',
    description: "loops-per-jiffy of the guest's CPU, for rules that ask for lpj=n",
    parse: parseLpj,
    modes: GRUB,
    repeat: (o) => (typeof o.lpj === 'number' ? ['--lpj', String(o.lpj)] : []),
  },
  {
    flags: '--no-lpj',
    description: 'leave lpj out even where a rule asks for it',
    modes: GRUB,
    repeat: when('--no-lpj', (o) => o.lpj === false),
  },
  {
    flags: '--entries <which>',
    description:
      'entries to edit: all, default (the one default= points at), or zero-based numbers such as 0 or 0,2',
    defaultText: 'all',
    parse: parseEntries,
    values: () => ['all', 'default'],
    modes: GRUB,
    repeat: (o) => (o.entries.kind === 'all' ? [] : ['--entries', formatEntries(o.entries)]),
  },
  {
    flags: '--params <args>',
    description:
      'use exactly these kernel parameters instead of the rule table, e.g. "notsc lpj=2394000"',
    parse: parseParams,
    modes: GRUB,
    repeat: valued('--params', 'params', (p) => p.join(' ')),
  },
  {
    flags: '--rules <name>',
    description: rules.description,
    defaultText: rules.defaultText,
    values: ruleSetNames,
    modes: GRUB,
    repeat: valued('--rules', 'rules'),
  },
  {
    flags: '--list-rules',
    description: 'print the rule sets, their sources and policies, and exit',
    modes: ['list-rules'],
    repeat: false,
  },
  {
    flags: '--per-entry',
    description:
      'decide each entry from the RHEL release of the kernel it boots (2.6.18-164.el5 is 5.4)',
    modes: GRUB,
    repeat: when('--per-entry', (o) => o.perEntry),
  },
  {
    flags: '--explain',
    description:
      'explain each parameter: what it does, which row of which source asked for it, and the facts that chose that row',
    modes: GRUB,
    repeat: when('--explain', (o) => o.explain),
  },
  {
    flags: '--boot-ini <path>',
    description:
      'edit a Windows boot.ini instead: add /usepmtimer to its OS entries (writes boot.ini.kvm and a diff)',
    defaultText: '<root>/boot.ini when the root is a Windows disk',
    modes: ['boot.ini'],
    repeat: valued('--boot-ini', 'bootIni'),
  },
  {
    flags: '--dry-run',
    description: 'print the diff and write nothing',
    modes: EDITS,
    repeat: when('--dry-run', (o) => o.dryRun),
  },
  {
    flags: '--json',
    description: 'print a machine-readable report on stdout instead of prose',
    modes: ALL,
    repeat: when('--json', (o) => o.json),
  },
  {
    flags: '--force',
    description: 'allow replacing an existing output or diff file',
    modes: EDITS,
    repeat: when('--force', (o) => o.force),
  },
  // The printed line always ends with --yes: it is the run without questions.
  { flags: '--yes', description: 'never prompt', modes: ALL, repeat: false },
  {
    flags: '--debug',
    description: 'show stack traces of unexpected errors',
    modes: ALL,
    repeat: when('--debug', (o) => o.debug),
  },
];

export { DEFAULT_OPTIONS } from '../shared/options.js';
