/**
 * Which entries a run edits (src/grub/select.ts), at the stage: default=
 * read as GRUB legacy reads it, and --entries all, default or numbers.
 */
import { EXIT_FAILURE, EXIT_USAGE, ToolError } from '../../src/shared/errors.js';
import { parseGrubConfig, type GrubConfig } from '../../src/grub/model.js';
import { defaultEntry, describeEntries, selectEntries } from '../../src/grub/select.js';
import type { EntrySelection } from '../../src/shared/options.js';

const LINUX = (t: string): string => `title ${t}\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n`;
const CHAIN = 'title Windows\n\trootnoverify (hd0,1)\n\tchainloader +1\n';
const FILE = '/g/grub.conf';

function config(head: string, body = `${LINUX('A')}${LINUX('B')}${CHAIN}`): GrubConfig {
  return parseGrubConfig(`${head}${body}`);
}

/** What selectEntries throws, with its class and exit code. */
function thrown(
  c: GrubConfig,
  which: EntrySelection,
): { type: string; code: number; message: string } {
  try {
    selectEntries(c, which, FILE);
  } catch (err) {
    if (err instanceof ToolError)
      return { type: err.name, code: err.exitCode, message: err.message };
    throw err;
  }
  throw new Error('nothing thrown');
}

describe('defaultEntry: the entry default= points at', () => {
  it('no default line: the first entry', () => {
    expect(defaultEntry(config('')).entry?.index).toBe(0);
  });

  it.each([
    ['default=1\n', 1],
    ['default 0\n', 0],
    ['default = 2\n', 2],
    ['timeout=5\ndefault=1\n', 1],
  ])('%j: entry %d', (head, index) => {
    expect(defaultEntry(config(head))).toEqual({ entry: config(head).entries[index] });
  });

  it('two default lines: the last one counts', () => {
    expect(defaultEntry(config('default=2\ndefault=1\n')).entry?.index).toBe(1);
  });

  it.each([
    ['default=1x\n', 'default=1x (line 1) does not name an entry by number'],
    ['default=x1\n', 'default=x1 (line 1) does not name an entry by number'],
    ['default=-1\n', 'default=-1 (line 1) does not name an entry by number'],
    ['timeout 5\ndefault=\n', 'default= (line 2) does not name an entry by number'],
    ['default=3\n', 'default=3 (line 1) points past the last entry (3 entries)'],
    [
      'default saved\n',
      'default=saved (line 1) names the entry savedefault kept, and no saved entry was found',
    ],
  ])('%j: no entry, and the problem in words', (head, problem) => {
    expect(defaultEntry(config(head))).toEqual({ problem });
  });

  it('default saved with a saved entry: that entry, and where it was read', () => {
    const c = config('default saved\n');
    c.saved = { entry: 1, source: '/g/default' };
    expect(defaultEntry(c)).toEqual({ entry: c.entries[1] });
    c.saved = { entry: 7, source: '/g/default' };
    expect(defaultEntry(c)).toEqual({
      problem:
        'default=saved (line 1: entry 7 in /g/default) points past the last entry (3 entries)',
    });
  });

  it('a saved entry is not read for a numeric default', () => {
    const c = config('default=0\n');
    c.saved = { entry: 1, source: '/g/default' };
    expect(defaultEntry(c).entry?.index).toBe(0);
  });
});

describe('selectEntries', () => {
  it('all: every entry that boots Linux, in order (not the chainloader)', () => {
    const c = config('default=0\n');
    expect(selectEntries(c, { kind: 'all' }, FILE)).toEqual({
      entries: [c.entries[0], c.entries[1]],
      warnings: [],
    });
  });

  it('all with a default that names nothing: every Linux entry, and a warning', () => {
    const c = config('default=9\n');
    expect(selectEntries(c, { kind: 'all' }, FILE)).toEqual({
      entries: [c.entries[0], c.entries[1]],
      warnings: ['default=9 (line 1) points past the last entry (3 entries)'],
    });
  });

  it('two default lines: warned about, naming the line GRUB uses', () => {
    const c = config('default=0\ntimeout=5\ndefault=1\n');
    expect(selectEntries(c, { kind: 'default' }, FILE)).toEqual({
      entries: [c.entries[1]],
      warnings: [`${FILE} has 2 default lines; GRUB uses the last one (line 3)`],
    });
  });

  it('default: the one entry default= names', () => {
    const c = config('default=1\n');
    expect(selectEntries(c, { kind: 'default' }, FILE)).toEqual({
      entries: [c.entries[1]],
      warnings: [],
    });
  });

  it('default that names nothing: exit 1 (the flag is valid, the file cannot answer it)', () => {
    expect(thrown(config('default=1x\n'), { kind: 'default' })).toEqual({
      type: 'ToolError',
      code: EXIT_FAILURE,
      message:
        '--entries default: default=1x (line 1) does not name an entry by number; choose entries by number with --entries N',
    });
  });

  it('default naming an entry that boots no Linux kernel: exit 1, with the reason', () => {
    expect(thrown(config('default=2\n'), { kind: 'default' })).toEqual({
      type: 'ToolError',
      code: EXIT_FAILURE,
      message:
        '--entries default: the default entry 2 "Windows" boots no Linux kernel (chainloader +1)',
    });
  });

  it('numbers: those entries, in the order given', () => {
    const c = config('');
    const r = selectEntries(c, { kind: 'indices', indices: [1, 0] }, FILE);
    expect(r.entries.map((e) => e.index)).toEqual([1, 0]);
  });

  it('a number past the last entry: exit 2, naming the range', () => {
    expect(thrown(config(''), { kind: 'indices', indices: [0, 3] })).toEqual({
      type: 'UsageError',
      code: EXIT_USAGE,
      message: `--entries 3: ${FILE} has 3 entries, numbered 0 to 2; or use all or default`,
    });
  });

  it('a number naming an entry that boots no Linux kernel: exit 2, with the reason', () => {
    expect(thrown(config(''), { kind: 'indices', indices: [2] })).toEqual({
      type: 'UsageError',
      code: EXIT_USAGE,
      message:
        '--entries 2: entry 2 "Windows" boots no Linux kernel (chainloader +1); choose another entry',
    });
  });

  it('titles are shown as UTF-8 where the bytes are', () => {
    const c = parseGrubConfig(`title \xc3\xa9t\xc3\xa9\n\tchainloader +1\n${LINUX('A')}`);
    expect(thrown(c, { kind: 'indices', indices: [0] }).message).toContain('entry 0 "été"');
  });
});

describe('describeEntries', () => {
  it('says why no entry boots Linux, entry by entry', () => {
    const c = parseGrubConfig(`${CHAIN}title Empty\n\troot (hd0,0)\n`);
    expect(describeEntries(c, FILE)).toBe(
      `${FILE} has no entry that boots a Linux kernel (entry 0 "Windows": chainloader +1; entry 1 "Empty": no kernel line), so there is nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`,
    );
  });
});
