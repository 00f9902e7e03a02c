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
    ['5', '5.0'],
    ['05.10', '5.10'],
  ])('--release %s is %s', (v, r) => expect(parseRelease(v)).toBe(r));

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
});
