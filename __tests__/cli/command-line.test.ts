import { spawnSync } from 'node:child_process';
import { equivalentCommand } from '../../src/cli/command-line.js';
import { DEFAULT_OPTIONS, longFlag, OPTIONS, type Options } from '../../src/cli/options.js';
import { parseArgs } from '../../src/cli/program.js';

/** The words a POSIX shell makes of a printed command line. */
function shellWords(line: string): string[] {
  const r = spawnSync('sh', ['-c', `set -- ${line}; printf '%s\\0' "$@"`], { encoding: 'utf8' });
  return r.stdout.split('\0').slice(0, -1);
}

function reparse(o: Options): Options {
  const words = shellWords(equivalentCommand(o));
  expect(words[0]).toBe('fix-clock-drift');
  const parsed = parseArgs(words.slice(1));
  if (parsed.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(parsed)}`);
  return parsed.options;
}

const base: Options = { ...DEFAULT_OPTIONS, yes: true };

describe('the wizard\'s "same run without questions" line', () => {
  const runs: [string, Partial<Options>][] = [
    ['nothing but the defaults', {}],
    ['a root with a space', { root: "/mnt/guest one's", rootGiven: true }],
    ['paths', { grubConf: '/g/grub.conf', output: '/o/x.kvm', diff: '/o/x.diff' }],
    ['facts', { release: '5.4', arch: 'x86_64', pvclock: false, lpj: 2394000 }],
    ['kvm-clock and no lpj', { release: '5.5', arch: 'x86', pvclock: true, lpj: false }],
    ['entries by number', { entries: { kind: 'indices', indices: [0, 2] } }],
    ['the default entry', { entries: { kind: 'default' } }],
    ['params', { params: ['notsc', 'lpj=2394000', 'console="ttyS0,115200 n8"'] }],
    ['rules and per entry', { rules: 'rhel6-guide', perEntry: true }],
    ['every switch', { explain: true, dryRun: true, json: true, force: true, debug: true }],
    ['a guest over SSH', { ssh: 'root@web1', sshCommand: 'ssh -F ./cfg -p 2222' }],
    ['a facts bundle', { facts: './web1.facts', emitWriter: './web1.writer.sh' }],
  ];

  it.each(runs)('repeats %s exactly', (_name, set) => {
    const o: Options = { ...base, ...set };
    expect(reparse(o)).toEqual(o);
  });

  it('is built from the table: every option either repeats itself or says why not', () => {
    const notRepeated = OPTIONS.filter((s) => s.repeat === false).map(longFlag);
    // --list-rules is another kind of run; --yes ends every line anyway.
    expect(notRepeated).toEqual(['--list-rules', '--yes']);
    const all = runs.reduce<Partial<Options>>((acc, [, set]) => ({ ...acc, ...set }), {});
    // --pvclock and --no-pvclock (and --lpj, --no-lpj) cannot both be on one line: two lines.
    const lines = [
      equivalentCommand({ ...base, ...all, bootIni: '/w/boot.ini' }),
      equivalentCommand({ ...base, pvclock: false, lpj: 1 }),
    ].join(' ');
    const words = new Set(lines.split(' '));
    for (const spec of OPTIONS.filter((s) => s.repeat !== false))
      expect(words).toContain(longFlag(spec));
  });
});
