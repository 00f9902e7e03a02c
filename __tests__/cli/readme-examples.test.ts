/**
 * The README's examples are run, so they cannot drift from the tool
 * (the convention is in CONTRIBUTING.md, "The README's examples"):
 * - a ```console block runs as one sh session in a temp dir holding a copy
 *   of samples/, with `fix-clock-drift` on PATH running the built CLI; each
 *   `$ ` command's output (stdout and stderr) must match the lines shown,
 *   where a line `...` stands for any lines and `...` in a line for any
 *   text (trailing blank lines are not shown); each command exits 0 unless the next one is `echo $?`;
 * - a ```sh block (a real guest, SSH, a mount, root) is not run: `sh -n`
 *   checks it, and each `fix-clock-drift` command in it must get through
 *   the tool's own argument parser.
 */
import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fse from 'fs-extra';
import { parse } from 'shell-quote';
import { parseArgs } from '../../src/cli/program.js';
import { CLI, REPO, SAMPLES, tempDir } from '../helpers/cli.js';

const DOCS = ['README.md', 'CONTRIBUTING.md'];
const CHECKED = new Set(['console', 'sh']);
const UNCHECKED = new Set(['text', 'yaml', 'ini']);

interface Block {
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string[];
}

/** The fenced blocks of a Markdown file (``` fences, as the README uses). */
function blocks(doc: string): Block[] {
  const lines = readFileSync(path.join(REPO, doc), 'utf8').split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    found.push({ doc, line: start + 1, lang: open[1] as string, body });
  }
  return found;
}

const ALL = DOCS.flatMap(blocks);
const label = (b: Block): string => `${b.doc}:${b.line}`;

interface Step {
  command: string;
  expected: string[];
}

/** A console block's commands (`$ `, continued by a trailing `\`) and the output shown after each. */
function steps(b: Block): Step[] {
  const out: Step[] = [];
  for (let i = 0; i < b.body.length; i++) {
    const line = b.body[i] as string;
    if (!line.startsWith('$ ')) {
      const last = out[out.length - 1];
      if (!last) throw new Error(`${label(b)}: output before the first $ command: ${line}`);
      last.expected.push(line);
      continue;
    }
    let command = line.slice(2);
    while (command.endsWith('\\') && i + 1 < b.body.length) command += `\n${b.body[++i]}`;
    out.push({ command, expected: [] });
  }
  return out;
}

/** `...` alone matches any lines (none too); `...` within a line any text. Trailing blanks are ignored. */
function matchLines(expected: readonly string[], actual: readonly string[]): boolean {
  const lineRe = expected.map(
    (e) =>
      new RegExp(
        `^${e
          .trimEnd()
          .split('...')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  const memo = new Map<string, boolean>();
  const at = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let ok: boolean;
    if (i === expected.length) ok = j === actual.length;
    else if ((expected[i] as string).trim() === '...')
      ok = at(i + 1, j) || (j < actual.length && at(i, j + 1));
    else
      ok =
        j < actual.length &&
        (lineRe[i] as RegExp).test((actual[j] as string).trimEnd()) &&
        at(i + 1, j + 1);
    memo.set(key, ok);
    return ok;
  };
  return at(0, 0);
}

const MARK = '@@fcd-readme-step';

/** Runs a console block as one sh session; returns each command's output lines and status. */
function runBlock(b: Block, list: Step[]): { output: string[]; status: number }[] {
  const dir = tempDir('fcd-readme-');
  fse.copySync(SAMPLES, path.join(dir, 'samples'));
  const bin = path.join(dir, '.bin');
  mkdirSync(bin);
  const shim = path.join(bin, 'fix-clock-drift');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(shim, 0o755);
  // After each command: its status, then $? restored for an `echo $?` that follows.
  const script = [
    'exec 2>&1',
    ...list.map(
      (s, n) => `${s.command}\nfcd_rc=$?\nprintf '\\n${MARK} ${n} %s\\n' "$fcd_rc"\n(exit $fcd_rc)`,
    ),
  ].join('\n');
  const r = spawnSync('sh', ['-c', script], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, NO_COLOR: '1' },
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const results: { output: string[]; status: number }[] = [];
  let rest = r.stdout;
  for (let n = 0; n < list.length; n++) {
    const m = new RegExp(`\\n${MARK} ${n} (\\d+)\\n`).exec(rest);
    if (!m) throw new Error(`${label(b)}: the session stopped before step ${n}: ${rest}`);
    const text = rest.slice(0, m.index);
    results.push({
      output: text.replace(/\s+$/, '') === '' ? [] : text.replace(/\s+$/, '').split('\n'),
      status: Number(m[1]),
    });
    rest = rest.slice(m.index + m[0].length);
  }
  return results;
}

/** The words after each `fix-clock-drift` in a line of sh, up to a shell operator or comment. */
function invocations(line: string): string[][] {
  const words = parse(line, (name) => `$${name}`);
  const found: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'fix-clock-drift') continue;
    const args: string[] = [];
    for (i++; i < words.length && typeof words[i] === 'string'; i++) args.push(words[i] as string);
    found.push(args);
  }
  return found;
}

describe('the examples in README.md and CONTRIBUTING.md', () => {
  it('are all marked: console (run), sh (checked), or text, yaml, ini', () => {
    const unmarked = ALL.filter((b) => !CHECKED.has(b.lang) && !UNCHECKED.has(b.lang));
    expect(unmarked.map(label)).toEqual([]);
    expect(ALL.filter((b) => b.lang === 'console').length).toBeGreaterThanOrEqual(10);
  });

  it('matches ... as any lines, and ... in a line as any text', () => {
    expect(matchLines(['a', '...', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matchLines(['a', '...', 'd'], ['a', 'd'])).toBe(true);
    expect(matchLines(['a', 'd'], ['a', 'b', 'd'])).toBe(false);
    expect(matchLines(['from .../etc (x)'], ['from /tmp/q/etc (x)'])).toBe(true);
    expect(matchLines(['a.c'], ['abc'])).toBe(false);
    expect(matchLines([], ['output nobody showed'])).toBe(false);
  });

  const consoles = ALL.filter((b) => b.lang === 'console');
  it.each(consoles.map((b) => [label(b), b] as const))(
    'console block at %s runs as shown',
    (_, b) => {
      const list = steps(b);
      const results = runBlock(b, list);
      list.forEach((s, n) => {
        const got = results[n] as { output: string[]; status: number };
        const showsStatus = list[n + 1]?.command.trim() === 'echo $?';
        expect({ command: s.command, status: showsStatus ? 'shown next' : got.status }).toEqual({
          command: s.command,
          status: showsStatus ? 'shown next' : 0,
        });
        if (!matchLines(s.expected, got.output)) {
          // Shown in full, so the README can be corrected from the failure.
          expect({ command: s.command, output: got.output.join('\n') }).toEqual({
            command: s.command,
            output: s.expected.join('\n'),
          });
        }
      });
    },
  );

  const shells = ALL.filter((b) => b.lang === 'sh');
  it.each(shells.map((b) => [label(b), b] as const))(
    'sh block at %s is valid sh, and the tool accepts each of its commands',
    (_, b) => {
      const text = b.body.join('\n');
      const syntax = spawnSync('sh', ['-n'], { input: text, encoding: 'utf8' });
      expect({ status: syntax.status, stderr: syntax.stderr }).toEqual({ status: 0, stderr: '' });
      const lines = text.replace(/\\\n/g, ' ').split('\n');
      for (const args of lines.flatMap(invocations)) {
        let outcome: { kind: string; code?: number };
        try {
          outcome = parseArgs(args);
        } catch (err) {
          outcome = { kind: `refused: ${(err as Error).message}` };
        }
        const accepted = outcome.kind !== 'exit' || outcome.code === 0;
        expect({ args, accepted, outcome: accepted ? 'ok' : outcome }).toEqual({
          args,
          accepted: true,
          outcome: 'ok',
        });
      }
    },
  );

  it('the sh blocks hold commands of the tool to check', () => {
    const count = shells.flatMap((b) =>
      b.body.join('\n').replace(/\\\n/g, ' ').split('\n').flatMap(invocations),
    );
    expect(count.length).toBeGreaterThanOrEqual(12);
  });

  it('the sh check refuses an unknown flag, subcommand or value', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const line of [
        'fix-clock-drift --no-such-flag',
        'fix-clock-drift frobnicate --root /mnt/guest',
        'fix-clock-drift install --release 5.4',
        'sudo fix-clock-drift --release abc',
      ]) {
        const [args] = invocations(line);
        const outcome = parseArgs(args as string[]);
        expect({ line, kind: outcome.kind }).toEqual({ line, kind: 'exit' });
      }
    } finally {
      stderr.mockRestore();
    }
  });
});
