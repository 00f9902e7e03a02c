/**
 * The diff of an edit: applying it to the old file gives the new file byte for
 * byte (a strict in-process applier on every case, GNU patch on a sample), and
 * it is the very text GNU `diff -u` writes.
 *
 * Replaying a failure: fast-check prints the seed and path of the failing
 * run; FC_SEED=<seed> FC_PATH=<path> npm test -- __tests__/property runs
 * exactly that case again (FC_RUNS_SCALE=10 multiplies the runs for a soak;
 * see runs() in arbitraries.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { textToBytes } from '../../src/shared/bytes.js';
import { editEntries } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';
import { unifiedDiff } from '../../src/output/diff.js';
import { grubFile, paramSet, runs } from './arbitraries.js';

interface Case {
  old: string;
  new: string;
  diff: string;
  context: number;
}

const subset = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });

/**
 * Edits the entries the mask picks (Linux or not) and diffs the result. The
 * old file sometimes has some entries edited already, so that lines with and
 * without the parameters stand side by side, as they do when a file is edited
 * twice.
 */
const editCase: fc.Arbitrary<Case> = fc
  .tuple(grubFile, paramSet, subset, fc.option(subset), fc.constantFrom(0, 1, 3, 3, 3, 5))
  .map(([file, params, mask, pre, context]) => {
    let old = file.text;
    if (pre !== null) {
      const first = parseGrubConfig(old);
      editEntries(
        first,
        first.entries.filter((e) => pre[e.index % pre.length]),
        params,
      );
      old = serializeGrubConfig(first);
    }
    const config = parseGrubConfig(old);
    const oldLines = config.lines.map((l) => ({ ...l }));
    const entries = config.entries.filter((e) => mask[e.index % mask.length]);
    const edits = editEntries(config, entries, params);
    const changed = edits.filter((e) => e.changed).map((e) => e.line);
    return {
      old,
      new: serializeGrubConfig(config),
      diff: unifiedDiff(oldLines, config.lines, changed, 'a', 'b', context),
      context,
    };
  });

/** A file split as diff and patch see it: at LF, each line with or without its LF. */
function physicalLines(text: string): { body: string; nl: boolean }[] {
  const out: { body: string; nl: boolean }[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      out.push({ body: text.slice(start), nl: false });
      break;
    }
    out.push({ body: text.slice(start, nl), nl: true });
    start = nl + 1;
  }
  return out;
}

/**
 * Applies a unified diff with no fuzz and no offset: every hunk must sit at
 * the line its header names, with its context and removed lines matching the
 * old file exactly (end of line included), and its counts right.
 */
function applyStrictly(old: string, diff: string): string {
  if (diff === '') return old;
  const src = physicalLines(old);
  const rows = physicalLines(diff);
  expect(rows.slice(0, 2)).toEqual([
    { body: '--- a', nl: true },
    { body: '+++ b', nl: true },
  ]);
  expect(rows.every((r) => r.nl)).toBe(true);
  const out: { body: string; nl: boolean }[] = [];
  let at = 0; // next old line to copy
  let r = 2;
  let lastNew = 0;
  while (r < rows.length) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(rows[r]!.body);
    expect(m).not.toBeNull();
    const [oldStart, oldCount, newStart, newCount] = [m![1], m![2] ?? '1', m![3], m![4] ?? '1'].map(
      Number,
    ) as [number, number, number, number];
    expect(oldStart - 1).toBeGreaterThanOrEqual(at);
    while (at < oldStart - 1) out.push(src[at++]!);
    expect(newStart).toBe(out.length + 1);
    expect(newStart).toBeGreaterThan(lastNew);
    r++;
    let seenOld = 0;
    let seenNew = 0;
    while (r < rows.length && !rows[r]!.body.startsWith('@@')) {
      const { body } = rows[r]!;
      const noNewline = rows[r + 1]?.body === '\\ No newline at end of file';
      const line = { body: body.slice(1), nl: !noNewline };
      if (body[0] === ' ' || body[0] === '-') {
        expect(src[at]).toEqual(line);
        at++;
        seenOld++;
      }
      if (body[0] === ' ' || body[0] === '+') {
        out.push(line);
        seenNew++;
      }
      expect(' -+').toContain(body[0]);
      r += noNewline ? 2 : 1;
    }
    expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
    lastNew = out.length;
  }
  while (at < src.length) out.push(src[at++]!);
  return out.map((l) => l.body + (l.nl ? '\n' : '')).join('');
}

describe('unifiedDiff of an edit', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-prop-diff-'));
  });
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, textToBytes(text));
    return file;
  }

  it('applies exactly, hunk by hunk, and is empty only when nothing changed', () => {
    fc.assert(
      fc.property(editCase, (c) => {
        expect(c.diff === '').toBe(c.old === c.new);
        expect(applyStrictly(c.old, c.diff)).toBe(c.new);
      }),
      runs(300),
    );
  });

  it('GNU patch applied to the old file reproduces the new bytes', () => {
    fc.assert(
      fc.property(editCase, (c) => {
        fc.pre(c.diff !== '');
        const old = write('old', c.old);
        const diff = write('diff', c.diff);
        const out = path.join(dir, 'out');
        rmSync(out, { force: true });
        const r = spawnSync('patch', ['--quiet', '-o', out, old, diff], { encoding: 'latin1' });
        expect(`${r.status} ${r.stdout}${r.stderr}`).toBe('0 ');
        expect(readFileSync(out).equals(textToBytes(c.new))).toBe(true);
      }),
      { ...runs(100), maxSkipsPerRun: 100 },
    );
  });

  it('is the text GNU diff -u writes', () => {
    fc.assert(
      fc.property(editCase, (c) => {
        // With no context, a one-line hunk's header reads "-5,1" where GNU
        // writes "-5"; the tool always uses 3 lines of context.
        fc.pre(c.context > 0 && c.diff !== '');
        write('old', c.old);
        write('new', c.new);
        const r = spawnSync(
          'diff',
          [`-U${c.context}`, '--label', 'a', '--label', 'b', 'old', 'new'],
          {
            cwd: dir,
          },
        );
        expect(r.status).toBe(1);
        expect(r.stdout.toString('latin1')).toBe(c.diff);
      }),
      { ...runs(80), maxSkipsPerRun: 100 },
    );
  });
});
