import {
  InvalidValue,
  parseArch,
  parseEntries,
  parseLpj,
  parseParams,
  parseRelease,
} from '../../src/cli/values.js';

describe('flag values', () => {
  it.each([
    ['x86_64', 'x86_64'],
    ['AMD64', 'x86_64'],
    ['i386', 'x86'],
    ['i586', 'x86'],
    ['i686', 'x86'],
    ['x86', 'x86'],
  ])('--arch %s is %s', (v, arch) => expect(parseArch(v)).toBe(arch));

  it.each(['sparc', 'ppc64', '', 'x86-64'])('--arch %j is refused', (v) =>
    expect(() => parseArch(v)).toThrow(InvalidValue),
  );

  it.each([
    ['5.4', '5.4'],
    ['05.10', '5.10'],
  ])('--release %s is %s', (v, r) => expect(parseRelease(v)).toBe(r));

  it('--release 5 is refused: a major alone is every minor of it', () => {
    expect(() => parseRelease('5')).toThrow(
      '5 names no minor release: give MAJOR.MINOR, e.g. 5.0 for the first (RHEL 3 and 4 say "Update N": release 4 Update 8 is 4.8)',
    );
  });

  it.each(['abc', '5.4.x', '5.4.1', '5.', '.4', '-5'])('--release %j is refused', (v) =>
    expect(() => parseRelease(v)).toThrow(InvalidValue),
  );

  it.each([
    ['2394000', 2394000],
    ['1', 1],
    ['4294967295', 4294967295],
  ])('--lpj %s', (v, n) => expect(parseLpj(v)).toBe(n));

  it.each(['0', '-5', '1e9', '2.5', '4294967296', '', 'n', '0x10'])('--lpj %j is refused', (v) =>
    expect(() => parseLpj(v)).toThrow(InvalidValue),
  );

  it('--entries', () => {
    expect(parseEntries('all')).toEqual({ kind: 'all' });
    expect(parseEntries('default')).toEqual({ kind: 'default' });
    expect(parseEntries('2,0,2')).toEqual({ kind: 'indices', indices: [0, 2] });
    expect(() => parseEntries('-1')).toThrow(InvalidValue);
    expect(() => parseEntries('1,x')).toThrow(InvalidValue);
  });

  it('--params', () => {
    expect(parseParams(' notsc  lpj=2394000 ')).toEqual(['notsc', 'lpj=2394000']);
    expect(parseParams('acpi_osi="!Windows 2012"')).toEqual(['acpi_osi="!Windows 2012"']);
    expect(() => parseParams('notsc lpj=n')).toThrow(/lpj=n/);
    expect(() => parseParams('lpj=')).toThrow(/lpj=/);
    expect(() => parseParams('a="b')).toThrow(/unbalanced/);
    expect(() => parseParams('   ')).toThrow(InvalidValue);
  });

  it.each([
    ['lpj=02394000', /lpj=02394000: the kernel reads a leading 0 as octal/],
    ['lpj=0', /lpj=0: the kernel reads a leading 0 as octal/],
    ['lpj=0x248690', /lpj=0x248690 is not a loops-per-jiffy value/],
    ['lpj=4294967296', /lpj=4294967296: more than 4294967295/],
  ])('--params %s is refused, naming the value', (v, why) => {
    expect(() => parseParams(`notsc ${v}`)).toThrow(why);
  });
});
