import fc from 'fast-check';
import { ToolError } from '../../src/shared/errors.js';
import { editEntries } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';
import { checkPair, describeChange, firstDifference } from '../../src/install/pair.js';
import { grubFile, paramSet, runs } from '../property/arbitraries.js';

const NAMES = { old: 'grub.conf', new: 'grub.conf.kvm' };

const OLD = [
  'default=0',
  'timeout=5',
  'title RHEL 5 (2.6.18-164.el5)',
  '\troot (hd0,0)',
  '\tkernel /vmlinuz-2.6.18-164.el5 ro root=LABEL=/ clock=pit quiet  ',
  '\tinitrd /initrd-2.6.18-164.el5.img',
  'title RHEL 5 Xen',
  '\tkernel /xen.gz-2.6.18-164.el5',
  '\tmodule /vmlinuz-2.6.18-164.el5xen ro root=LABEL=/',
  '\tmodule /initrd-2.6.18-164.el5xen.img',
  '',
].join('\n');

/** What the tool itself writes for these parameters on every Linux entry. */
function edited(text: string, params: string[]): string {
  const config = parseGrubConfig(text);
  editEntries(config, config.entries, params);
  return serializeGrubConfig(config);
}

function refusal(oldText: string, newText: string): string {
  try {
    checkPair(oldText, newText, NAMES);
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('checkPair: grub.conf.kvm against grub.conf, from the two files alone', () => {
  it('takes what the tool writes: appended and replaced parameters, on kernel and Xen module lines', () => {
    const kvm = edited(OLD, ['notsc', 'clock=pmtmr', 'lpj=2394000']);
    const changes = checkPair(OLD, kvm, NAMES);
    expect(changes).toEqual([
      {
        line: 5,
        entry: 0,
        title: 'RHEL 5 (2.6.18-164.el5)',
        added: ['notsc', 'lpj=2394000'],
        replaced: [{ from: 'clock=pit', to: 'clock=pmtmr' }],
      },
      {
        line: 9,
        entry: 1,
        title: 'RHEL 5 Xen',
        added: ['notsc', 'clock=pmtmr', 'lpj=2394000'],
        replaced: [],
      },
    ]);
    expect(describeChange(changes[0]!)).toBe('+notsc +lpj=2394000 clock=pit -> clock=pmtmr');
  });

  it('keeps CRLF lines and latin1 titles as they are', () => {
    const old = 'default=0\r\ntitle caf\xe9\r\n\tkernel /vmlinuz ro\r\n';
    const changes = checkPair(old, edited(old, ['notsc']), NAMES);
    expect(changes).toMatchObject([{ line: 3, title: 'caf\ufffd', added: ['notsc'] }]);
  });

  it.each([
    [
      'a title changed',
      (t: string) => t.replace('title RHEL 5 Xen', 'title Xen'),
      /line 7 is not a kernel or module line the tool edits/,
    ],
    [
      'a line added',
      (t: string) => `${t}title extra\n`,
      /line 11 was added: grub\.conf has \(no such line/,
    ],
    [
      'a line removed',
      (t: string) => t.replace('\tinitrd /initrd-2.6.18-164.el5.img\n', ''),
      /line 6 is not a kernel/,
    ],
    [
      'the file cut short',
      (t: string) => t.slice(0, t.indexOf('initrd') + 3),
      /line 6 is cut short \(the file ends inside it\)/,
    ],
    [
      'a parameter removed',
      (t: string) => t.replace(' quiet', ''),
      /line 5 has notsc where quiet stood/,
    ],
    [
      'another image',
      (t: string) => t.replace('vmlinuz-2.6.18-164.el5 ', 'vmlinuz-2.6.18-8.el5 '),
      /line 5 changes the keyword or the image/,
    ],
    [
      'LF turned into CRLF',
      (t: string) => t.replace('timeout=5\n', 'timeout=5\r\n'),
      /line 2 ends differently/,
    ],
    [
      'other blanks',
      (t: string) => t.replace('ro root=LABEL=/ clock', 'ro  root=LABEL=/ clock'),
      /line 5 changes the blanks between parameters/,
    ],
    [
      'the initrd line of the Xen entry',
      (t: string) => t.replace('el5xen.img', 'el5xen.img rd'),
      /line 10 is not a kernel or module line/,
    ],
  ])('refuses %s, naming the first line that differs and both texts', (_what, alter, message) => {
    const kvm = alter(edited(OLD, ['notsc']));
    const m = refusal(OLD, kvm);
    expect(m).toMatch(
      /^refusing to install: grub\.conf\.kvm differs from grub\.conf by more than added or replaced kernel parameters: /,
    );
    expect(m).toMatch(message);
    expect(m).not.toMatch(/\n/);
  });

  it('refuses a parameter renamed in place, as a hand edit', () => {
    const kvm = OLD.replace('clock=pit quiet', 'clock=pit verbose');
    expect(refusal(OLD, kvm)).toMatch(/line 5 has verbose where quiet stood/);
  });

  it('takes every edit the tool makes on generated grub.conf files, and nothing the edit did not do', () => {
    fc.assert(
      fc.property(grubFile, paramSet, (file, params) => {
        const config = parseGrubConfig(file.text);
        const linux = config.entries.filter((e) => e.kind !== 'none');
        editEntries(config, linux, params);
        const kvm = serializeGrubConfig(config);
        const changes = checkPair(file.text, kvm, NAMES);
        const lines = new Set(linux.map((e) => (e.linuxLine as number) + 1));
        for (const c of changes) {
          expect(lines.has(c.line)).toBe(true);
          for (const p of [...c.added, ...c.replaced.map((r) => r.to)]) expect(params).toContain(p);
        }
      }),
      runs(300),
    );
  });

  it('refuses any change to a line the tool does not edit, on generated files', () => {
    fc.assert(
      fc.property(
        grubFile,
        paramSet,
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        (file, params, at, junk) => {
          const config = parseGrubConfig(file.text);
          editEntries(config, config.entries, params);
          const edited = new Set(config.entries.map((e) => e.linuxLine));
          const others = config.lines.map((_, i) => i).filter((i) => !edited.has(i));
          fc.pre(others.length > 0);
          const i = others[at % others.length]!;
          const line = config.lines[i]!;
          config.lines[i] = { ...line, text: `${line.text}${junk}` };
          expect(() => checkPair(file.text, serializeGrubConfig(config), NAMES)).toThrow(
            new RegExp(`line ${i + 1} `),
          );
        },
      ),
      runs(300),
    );
  });
});

describe('firstDifference', () => {
  it('names the first line that differs, or none', () => {
    expect(firstDifference('a\nb\n', 'a\nb\n')).toBeUndefined();
    expect(firstDifference('a\nb\n', 'a\nc\n')).toMatchObject({
      index: 1,
      old: { text: 'b' },
      new: { text: 'c' },
    });
    expect(firstDifference('a\n', 'a\nb\n')).toEqual({ index: 1, new: { text: 'b', eol: '\n' } });
  });
});
