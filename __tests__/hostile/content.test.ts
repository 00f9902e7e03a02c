import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, runCli } from '../helpers/cli.js';
import { expectSameBytes } from '../helpers/bytes.js';
import {
  FACTS,
  PARAMS,
  expectFailure,
  expectNothingLeft,
  expectOnlyAdded,
  expectSuccess,
  expectUntouched,
  longArgs,
  manyEntries,
  snapshot,
  write,
  removeScratch,
  scratch,
} from './helpers.js';

afterAll(removeScratch);

interface EntryJson {
  index: number;
  title: string;
  kind: string;
  changed: boolean;
  leftAlone: string | null;
  newArgs: string[] | null;
}
interface ReportJson {
  outcome: string;
  entries: EntryJson[];
  warnings: string[];
}

const OUTPUTS = ['grub.conf.kvm', 'grub.conf.kvm.diff'];

/**
 * Writes `content` as grub.conf in a fresh directory and runs on it; checks
 * that only the two outputs appeared, grub.conf is untouched, and that GNU
 * patch turns grub.conf into grub.conf.kvm with the diff.
 */
function runOn(
  content: string | Buffer,
  extra: string[] = [],
): { r: ReturnType<typeof runCli>; dir: string; conf: string; kvm: Buffer } {
  const dir = scratch();
  const conf = write(path.join(dir, 'grub.conf'), content);
  const before = snapshot(dir);
  const r = runCli([...FACTS, '--grub-conf', conf, ...extra]);
  expectSuccess(r);
  expectOnlyAdded(before, snapshot(dir), OUTPUTS);
  const kvm = readFileSync(`${conf}.kvm`);
  expectSameBytes(applyWithPatch(conf, `${conf}.kvm.diff`), kvm);
  return { r, dir, conf, kvm };
}

function report(r: ReturnType<typeof runCli>): ReportJson {
  return JSON.parse(r.stdout) as ReportJson;
}

describe('entries that cannot or need not be edited the usual way', () => {
  it('an entry with no kernel line is left alone and reported in entries[].leftAlone', () => {
    const noKernel = 'title Rescue (no kernel)\n\troot (hd0,0)\n\tinitrd /initrd.img\n';
    const good = 'title Good\n\troot (hd0,0)\n\tkernel /vmlinuz-2.6.18-164.el5 ro quiet\n';
    const { r, kvm } = runOn(`default=1\n${noKernel}${good}`, ['--json']);
    const rep = report(r);
    expect(rep.outcome).toBe('written');
    expect(rep.entries[0]).toMatchObject({ index: 0, kind: 'none', changed: false });
    expect(rep.entries[0]!.leftAlone).toMatch(/no kernel line/);
    expect(rep.entries[1]).toMatchObject({ index: 1, changed: true, leftAlone: null });
    expect(kvm.toString('latin1')).toBe(
      `default=1\n${noKernel}${good.replace('ro quiet', `ro quiet${PARAMS}`)}`,
    );
  });

  it('a kernel line with no arguments gets the parameters', () => {
    const { kvm } = runOn('title Bare\n\tkernel /vmlinuz-2.6.18-164.el5\n');
    expect(kvm.toString('latin1')).toBe(`title Bare\n\tkernel /vmlinuz-2.6.18-164.el5${PARAMS}\n`);
  });

  it('a kernel line with only blanks after the image gets the parameters once, without doubled blanks', () => {
    const { kvm } = runOn('title Bare\n\tkernel /vmlinuz-2.6.18-164.el5 \t\n');
    expect(kvm.toString('latin1')).toBe(
      `title Bare\n\tkernel /vmlinuz-2.6.18-164.el5 \tnotsc lpj=2394000\n`,
    );
  });

  it('unbalanced quotes: that entry is left alone with a reason, the others are edited', () => {
    const quoted = 'title Q\n\tkernel /vmlinuz-2.6.18-164.el5 ro acpi_osi="!Windows 2012\n';
    const good = 'title Good\n\tkernel /vmlinuz-2.6.18-164.el5 ro quiet\n';
    const { r, kvm } = runOn(`${quoted}${good}`, ['--json']);
    const rep = report(r);
    expect(rep.entries[0]).toMatchObject({ index: 0, changed: false });
    expect(rep.entries[0]!.leftAlone).toMatch(/unbalanced "/);
    expect(rep.entries[1]).toMatchObject({ index: 1, changed: true, leftAlone: null });
    expect(rep.warnings).toContainEqual(expect.stringMatching(/^entry 0 left alone: unbalanced "/));
    expect(kvm.toString('latin1')).toBe(
      `${quoted}${good.replace('ro quiet', `ro quiet${PARAMS}`)}`,
    );
  });
});

describe('size and shape of the text', () => {
  it('a 1 MB kernel line is read and left alone: no kernel keeps it, and it says so', () => {
    const line = `\tkernel /vmlinuz-2.6.18-164.el5 ro ${longArgs(1_000_000)}`;
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), `title Long\n${line}\n`);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.outcome).toBe('not-edited');
    expect(rep.entries[0].leftAlone).toMatch(
      /^its command line would be 1000\d{3} bytes, more than the 255 its kernel keeps \(it is already \d+ bytes\)/,
    );
    expectUntouched(before, snapshot(dir));
  });

  it('tabs and CRLF mixed in one file: only the edited arguments differ, and patch reproduces it', () => {
    const input =
      'default=0\r\ntimeout=5\n' +
      '\ttitle Tabbed (2.6.18-164.el5)\r\n' +
      '\troot (hd0,0)\r\n' +
      '\tkernel\t/vmlinuz-2.6.18-164.el5\tro  root=/dev/sda1\t \r\n' +
      ' \tinitrd /initrd.img\n' +
      'title Second\n' +
      '  kernel /vmlinuz-2.6.18-164.el5 ro quiet\r\n' +
      'title Last, no final newline\n' +
      'kernel /vmlinuz-2.6.18-164.el5 ro';
    const { kvm } = runOn(input);
    expect(kvm.toString('latin1')).toBe(
      input
        .replace('root=/dev/sda1\t \r\n', `root=/dev/sda1\t notsc lpj=2394000\r\n`)
        .replace('ro quiet\r\n', `ro quiet${PARAMS}\r\n`)
        .replace(/ro$/, `ro${PARAMS}`),
    );
  });

  it('non-UTF-8 bytes in titles are preserved byte for byte; JSON shows U+FFFD, or the text where it is UTF-8', () => {
    const input = Buffer.concat([
      Buffer.from('title Latin1 '),
      Buffer.from([0xe9, 0x74, 0xe9]), // "été" in latin1: not UTF-8
      Buffer.from(' \xff\xfe\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n', 'latin1'),
      Buffer.from('title UTF-8 été\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n', 'utf8'),
    ]);
    const { r, kvm } = runOn(input, ['--json']);
    const rep = report(r);
    expect(rep.entries.map((e) => e.title)).toEqual([
      'Latin1 \ufffdt\ufffd \ufffd\ufffd',
      'UTF-8 été',
    ]);
    const expected = Buffer.from(
      input.toString('latin1').replace(/ro\n/g, `ro${PARAMS}\n`),
      'latin1',
    );
    expect(kvm).toEqual(expected);
    // Prose mode prints the titles too.
    const prose = runCli([...FACTS, '--grub-conf', writeAgain(input)]);
    expectSuccess(prose);
    expect(prose.stdout).toContain('UTF-8 été');
  });

  // How the time grows with the entries (linear, not quadratic) is measured by
  // npm run bench (2,000 to 20,000 entries, with a target), not asserted here.
  it('a grub.conf of 200,000 entries (10 MB) is handled, not a crash after the outputs were written', () => {
    // Rendering the summary spread every entry's line into one push(...): the stack overflowed.
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), manyEntries(200_000));
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--entries', '0']);
    expectSuccess(r);
    expect(r.stdout).not.toMatch(/unexpected error/);
    expectOnlyAdded(before, snapshot(dir), OUTPUTS);
    // Only entry 0 was asked for: one changed line in the diff, among 400,000.
    const diff = readFileSync(`${conf}.kvm.diff`, 'latin1');
    expect(diff.split('\n').filter((l) => /^\+\t?kernel /.test(l))).toEqual([
      `+\tkernel /vmlinuz-2.6.18-164.el5 ro q${PARAMS}`,
    ]);
  });
});

/** A fresh copy of `content` as grub.conf, for a second run that must not see the first's outputs. */
function writeAgain(content: string | Buffer): string {
  return write(path.join(scratch(), 'grub.conf'), content);
}

describe('default= that does not name an entry', () => {
  const ENTRIES =
    'title A\n\tkernel /vmlinuz-2.6.18-164.el5 ro\ntitle B\n\tkernel /vmlinuz-2.6.18-128.el5 ro\n';
  const cases: [string, string, RegExp][] = [
    ['past the last entry', 'default=5\n', /default=5 \(line 1\) points past the last entry/],
    [
      'default saved, with no saved entry beside it',
      'default saved\n',
      /default=saved \(line 1\) names the entry savedefault kept, and no saved entry was found/,
    ],
    [
      'duplicate default lines, the last past the end',
      'default=0\ndefault=7\n',
      /has 2 default lines; GRUB uses the last one \(line 2\)/,
    ],
  ];

  it.each(cases)('%s: a warning, every entry edited with --entries all (exit 0)', (_, head, w) => {
    const { r } = runOn(`${head}${ENTRIES}`);
    expect(r.stdout).toMatch(w);
    expect(r.stdout).toMatch(/Warnings:/);
  });

  it.each(cases)('%s: --entries default fails with exit 1, naming the line', (_, head) => {
    // Exit 1, not 2: the flag is valid, the file cannot answer it.
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), `${head}${ENTRIES}`);
    const before = snapshot(dir);
    const r = runCli([...FACTS, '--grub-conf', conf, '--entries', 'default']);
    expectFailure(r, {
      code: 1,
      names: ['--entries default'],
      says: /default=\S+ \(line \d\)/,
      todo: /choose entries by number with --entries N/,
    });
    expectUntouched(before, snapshot(dir));
    expectNothingLeft(dir);
  });

  it('default saved with a saved entry (the file default beside grub.conf): --entries default edits that one', () => {
    const dir = scratch();
    const conf = write(path.join(dir, 'grub.conf'), `default saved\n${ENTRIES}`);
    write(path.join(dir, 'default'), '1\n#\n#\n');
    const r = runCli([
      ...FACTS,
      '--grub-conf',
      conf,
      '--entries',
      'default',
      '--json',
      '--dry-run',
    ]);
    expectSuccess(r);
    const rep = JSON.parse(r.stdout) as { entries: { changed: boolean }[] };
    expect(rep.entries.map((e) => e.changed)).toEqual([false, true]);
  });

  it('duplicate default lines whose last is valid: --entries default edits that one only', () => {
    const { r, kvm } = runOn(`default=0\ndefault=1\n${ENTRIES}`, ['--entries', 'default']);
    expect(r.stdout).toMatch(/has 2 default lines; GRUB uses the last one \(line 2\)/);
    expect(kvm.toString('latin1')).toBe(
      `default=0\ndefault=1\n${ENTRIES.replace('128.el5 ro\n', `128.el5 ro${PARAMS}\n`)}`,
    );
  });
});
