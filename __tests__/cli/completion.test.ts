/**
 * `fix-clock-drift completion bash|zsh`: the scripts the built CLI prints are
 * loaded in real shells (bash with and without bash-completion; zsh with
 * compinit, typing TAB under zpty) and asked what they offer. The expected
 * words come from the tables themselves, so a flag, value or subcommand
 * added later is checked without touching this file.
 * Needs bash, bash-completion, zsh and shellcheck (Debian packages).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUBCOMMANDS } from '../../src/cli/commands/index.js';
import { completionSpec } from '../../src/cli/completion-spec.js';
import { ARCH_WORDS } from '../../src/cli/values.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { ruleSetNames } from '../../src/rules/registry.js';
import { runCli, SAMPLES, tempDir } from '../helpers/cli.js';
import { bashComplete, completionScript, zshComplete } from './completion/shells.js';

const SPEC = completionSpec(SUBCOMMANDS);
const MAIN = SPEC[0]!;
const NAMES = SUBCOMMANDS.map((c) => c.name);
const flagsOf = (name: string): string[] =>
  SPEC.find((c) => c.name === name)!.flags.flatMap((f) => f.names);
const sorted = (words: readonly string[]): string[] => [...words].sort();

/** A root with a grub.conf of three entries, and a file and a directory beside it. */
function threeEntryRoot(): string {
  const root = path.join(tempDir('fcd-completion-root-'), 'guest');
  mkdirSync(path.join(root, 'boot/grub'), { recursive: true });
  const entry = (t: string): string => `title ${t}\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n`;
  writeFileSync(
    path.join(root, 'boot/grub/grub.conf'),
    `default=0\n${entry('A')}${entry('B')}# title commented\n\ttitle=C\n\tkernel /vmlinuz ro\n`,
  );
  writeFileSync(path.join(root, 'notes.txt'), 'x');
  return root;
}

/** The entry numbers the model itself finds in a sample's grub.conf. */
function entryNumbers(grubConf: string): string[] {
  const config = parseGrubConfig(readFileSync(grubConf, 'latin1'));
  return config.entries.map((e) => String(e.index));
}

describe('bash completion (sourced in bash, with bash-completion)', () => {
  const script = completionScript('bash');

  it('passes shellcheck', () => {
    const r = spawnSync('shellcheck', ['-s', 'bash', script], { encoding: 'utf8' });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('completes flags, subcommands and the values of --arch, --rules and --entries', () => {
    const root = threeEntryRoot();
    const sample = path.join(SAMPLES, 'rhel5.4-x86_64');
    const [ar, arch, archI, rules, hostCheck, first, entries, sampleEntries, release] =
      bashComplete(script, [
        ['--ar'],
        ['--arch', ''],
        ['--arch', 'i'],
        ['--rules', ''],
        ['host-check', '--'],
        [''],
        ['--root', root, '--entries', ''],
        ['--root', sample, '--entries', ''],
        ['--release', ''],
      ]);
    expect(ar).toEqual(['--arch']);
    expect(sorted(arch!)).toEqual(sorted(ARCH_WORDS));
    expect(sorted(archI!)).toEqual(sorted(ARCH_WORDS.filter((w) => w.startsWith('i'))));
    expect(rules).toEqual(ruleSetNames());
    expect(sorted(hostCheck!)).toEqual(
      sorted(flagsOf('host-check').filter((f) => f.startsWith('--'))),
    );
    expect(first).toEqual(NAMES);
    // title=C counts (GRUB takes = after a command word); the commented one does not.
    expect(entries).toEqual(['all', 'default', '0', '1', '2']);
    expect(sampleEntries).toEqual([
      'all',
      'default',
      ...entryNumbers(path.join(sample, 'boot/grub/grub.conf')),
    ]);
    // A release is typed, not chosen: nothing is offered (not file names).
    expect(release).toEqual([]);
  });

  it('offers every flag of every command after --, and --flag=value completes the value', () => {
    const lines = SPEC.map((c) => (c.name ? [c.name, '--'] : ['--']));
    const offered = bashComplete(script, [...lines, ['--arch', '=', 'x'], ['--rules', '=', 'rhe']]);
    SPEC.forEach((c, i) => {
      expect(sorted(offered[i]!)).toEqual(
        sorted(flagsOf(c.name).filter((f) => f.startsWith('--'))),
      );
    });
    expect(offered[SPEC.length]).toEqual(ARCH_WORDS.filter((w) => w.startsWith('x')));
    expect(offered[SPEC.length + 1]).toEqual(ruleSetNames().filter((w) => w.startsWith('rhe')));
  });

  it('completes directories after --root and files after --grub-conf', () => {
    const root = threeEntryRoot();
    const [dirs, files, positional] = bashComplete(script, [
      ['--root', `${root}/`],
      ['--grub-conf', `${root}/n`],
      ['completion', ''],
    ]);
    expect(dirs).toEqual([`${root}/boot`]);
    expect(files).toEqual([`${root}/notes.txt`]);
    expect(positional).toEqual(['bash', 'zsh']);
  });

  it('works without bash-completion too (plain compgen)', () => {
    const root = threeEntryRoot();
    const [ar, arch, split, dirs, entries] = bashComplete(
      script,
      [
        ['--ar'],
        ['--arch', ''],
        ['--arch', '=', 'i6'],
        ['--root', `${root}/b`],
        ['--root', root, '--entries', ''],
      ],
      false,
    );
    expect(ar).toEqual(['--arch']);
    expect(sorted(arch!)).toEqual(sorted(ARCH_WORDS));
    expect(split).toEqual(['i686']);
    expect(dirs).toEqual([`${root}/boot`]);
    expect(entries).toEqual(['all', 'default', '0', '1', '2']);
  });
});

describe('zsh completion (compinit, TAB typed under zpty)', () => {
  const script = completionScript('zsh');

  it('loads without a word on stderr and registers for fix-clock-drift', () => {
    const r = spawnSync(
      'zsh',
      [
        '-f',
        '-c',
        'autoload -Uz compinit && compinit -u -D && source "$1" && print -r -- $_comps[fix-clock-drift]',
        'zsh',
        script,
      ],
      { encoding: 'utf8' },
    );
    expect({ status: r.status, stderr: r.stderr, fn: r.stdout.trim() }).toEqual({
      status: 0,
      stderr: '',
      fn: '_fix_clock_drift',
    });
  });

  it('installed as _fix-clock-drift in $fpath, compinit finds it', () => {
    const dir = tempDir('fcd-fpath-');
    writeFileSync(path.join(dir, '_fix-clock-drift'), readFileSync(script));
    const r = spawnSync(
      'zsh',
      [
        '-f',
        '-c',
        'fpath=("$1" $fpath); autoload -Uz compinit && compinit -u -D && print -r -- $_comps[fix-clock-drift]',
        'zsh',
        dir,
      ],
      { encoding: 'utf8' },
    );
    expect({ status: r.status, stderr: r.stderr, fn: r.stdout.trim() }).toEqual({
      status: 0,
      stderr: '',
      fn: '_fix-clock-drift',
    });
  });

  it('offers the flags, subcommands and values', () => {
    const root = threeEntryRoot();
    const [ar, all, arch, rules, hostCheck, first, entries, release, shells] = zshComplete(script, [
      '--ar',
      '--',
      '--arch ',
      '--rules ',
      'host-check --',
      '',
      `--root ${root} --entries `,
      '--release ',
      'completion ',
    ]);
    expect(ar).toEqual(['--arch']);
    expect(sorted(all!)).toEqual(
      sorted(MAIN.flags.flatMap((f) => f.names).filter((f) => f.startsWith('--'))),
    );
    expect(sorted(arch!)).toEqual(sorted(ARCH_WORDS));
    expect(rules).toEqual(ruleSetNames());
    expect(sorted(hostCheck!)).toEqual(
      sorted(flagsOf('host-check').filter((f) => f.startsWith('--'))),
    );
    expect(first).toEqual(NAMES);
    expect(entries).toEqual(['all', 'default', '0', '1', '2']);
    expect(release).toEqual([]);
    expect(shells).toEqual(['bash', 'zsh']);
  });
});

describe('fix-clock-drift completion', () => {
  it('refuses another shell with one line and exit 2', () => {
    const r = runCli(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'fix-clock-drift: completion fish: no completion for that shell: give bash or zsh\n',
    );
  });

  it('refuses a value that would be shell source rather than a word', () => {
    expect(() =>
      completionSpec([], [{ flags: '--x <v>', description: 'x', values: () => ['$(rm -rf ~)'] }]),
    ).toThrow(/not a plain word: \$\(rm -rf ~\)/);
  });
});
