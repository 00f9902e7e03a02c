/**
 * The command word of a grub.conf line (src/grub/directive.ts), and what the
 * parser and default= make of lines at the edges: blank and comment lines,
 * values with blanks around them, and entry numbers of more than one digit.
 */
import { keywordOf } from '../../src/grub/directive.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { defaultEntry, selectEntries } from '../../src/grub/select.js';

describe('keywordOf', () => {
  it.each(['', '   ', '\t \t', '#', '# kernel /vmlinuz', '  #title x', '=0'])(
    'no command word in %j',
    (text) => {
      expect(keywordOf(text)).toBeUndefined();
    },
  );

  it.each([
    ['kernel /vmlinuz ro', 'kernel'],
    ['\t  title  A', 'title'],
    ['default=1', 'default'],
    ['timeout', 'timeout'],
  ])('%j: %s', (text, word) => {
    expect(keywordOf(text)).toBe(word);
  });
});

const entries = (n: number): string =>
  Array.from({ length: n }, (_, i) => `title E${i}\n\tkernel /vmlinuz-${i} ro\n`).join('');

describe('default=', () => {
  it('blanks around the number are not part of it', () => {
    const config = parseGrubConfig(`default  1 \t\n${entries(2)}`);
    expect(config.defaults).toEqual([{ line: 0, value: '1' }]);
    expect(defaultEntry(config).entry?.index).toBe(1);
  });

  it('an entry number of two digits', () => {
    const config = parseGrubConfig(`default=10\n${entries(11)}`);
    expect(defaultEntry(config)).toEqual({ entry: config.entries[10] });
  });

  it('several default lines: the warning names the line of the last one, counted from 1', () => {
    const config = parseGrubConfig(`default=1\ntimeout=5\ndefault=0\n\ndefault=1\n${entries(2)}`);
    const { entries: chosen, warnings } = selectEntries(config, { kind: 'default' }, 'g.conf');
    expect(chosen.map((e) => e.index)).toEqual([1]);
    expect(warnings).toEqual(['g.conf has 3 default lines; GRUB uses the last one (line 5)']);
  });
});
