/**
 * boot.ini's line syntax at the stage: what counts as a section header, a
 * comment, a setting; the anchors of ARC and drive paths; where descriptions
 * and switches start and end.
 */
import { parseBootIni } from '../../src/bootini/model.js';
import { parseOsLine } from '../../src/bootini/osline.js';
import {
  isBlankOrComment,
  parseKeyValue,
  sectionKey,
  TRAILING_BLANKS,
} from '../../src/bootini/syntax.js';

describe('syntax', () => {
  it.each([
    ['[boot loader]', 'boot loader'],
    ['  [ Operating Systems ] ; x', 'operating systems'],
    ['\t[]', ''],
    ['x[boot loader]', undefined],
    ['[boot loader', undefined],
    ['; [boot loader]', undefined],
  ])('sectionKey(%j) = %j', (text, key) => {
    expect(sectionKey(text)).toBe(key);
  });

  it.each([
    ['', true],
    [' \t\r\f\v', true],
    ['  ; comment', true],
    [';', true],
    ['x ; not a comment line', false],
    ['\vtimeout=3', false],
  ])('isBlankOrComment(%j) = %s', (text, blank) => {
    expect(isBlankOrComment(text)).toBe(blank);
  });

  it('a setting splits at the first =, trims both sides and lowers the key', () => {
    expect(parseKeyValue(' Default = multi(0)x=y \t')).toEqual({
      key: 'default',
      value: 'multi(0)x=y',
    });
    expect(parseKeyValue('timeout')).toBeUndefined();
    expect(parseKeyValue('=5')).toEqual({ key: '', value: '5' });
  });

  it('trailing blanks are spaces, tabs, CR, FF and VT, at the end only', () => {
    expect(TRAILING_BLANKS.exec('a b \t\r\f\v')?.[0]).toBe(' \t\r\f\v');
    expect(TRAILING_BLANKS.exec('a b')?.[0]).toBe('');
  });
});

describe('parseBootIni', () => {
  it('a [boot loader] line without = is not a setting; lines before any section are nobody’s', () => {
    const ini = parseBootIni(
      'timeout=1\r\n[boot loader]\r\ntimeout=30\r\nnonsense\r\n; c\r\ndefault=multi(0)x\r\n[Operating Systems]\r\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP"\r\n\r\n',
    );
    expect(ini.bootLoader).toEqual([
      { line: 2, key: 'timeout', value: '30' },
      { line: 5, key: 'default', value: 'multi(0)x' },
    ]);
    expect(ini.sections).toEqual([
      { key: 'boot loader', headerLine: 1, endLine: 6 },
      { key: 'operating systems', headerLine: 6, endLine: 9 },
    ]);
    expect(ini.entries.map((e) => [e.index, e.line, e.kind])).toEqual([[0, 7, 'nt']]);
  });

  it('entries of another section are not OS entries', () => {
    const ini = parseBootIni('[other]\nmulti(0)x="a"\n[operating systems]\nC:\\="b"\n');
    expect(ini.entries.map((e) => e.path)).toEqual(['C:\\']);
  });
});

describe('parseOsLine: what a path boots', () => {
  it.each([
    ['multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS', 'nt'],
    ['SCSI(0)disk(0)rdisk(0)partition(1)\\WINNT', 'nt'],
    ['signature(8b467c12)disk(1)rdisk(0)partition(1)\\WINDOWS', 'nt'],
    ['ramdisk(0)\\WINDOWS', 'nt'],
    ['C:\\', 'boot-sector'],
    ['c:\\CMDCONS\\BOOTSECT.DAT', 'boot-sector'],
    // The anchors: the ARC name and the drive letter must start the path.
    ['xmulti(0)disk(0)', 'unknown'],
    ['multi', 'unknown'],
    ['multi (0)', 'unknown'],
    ['1C:\\', 'unknown'],
    ['CC:\\', 'unknown'],
    ['C:', 'unknown'],
    ['C:/', 'unknown'],
  ])('%s: %s', (path, kind) => {
    expect(parseOsLine(`${path}="x"`).kind).toBe(kind);
  });
});

describe('parseOsLine: descriptions and switches', () => {
  it('quoted: the text between the quotes, then the switches', () => {
    expect(parseOsLine(' multi(0)x = \t"Windows XP" /fastdetect  /a=b \r')).toEqual({
      path: 'multi(0)x',
      kind: 'nt',
      description: 'Windows XP',
      quoted: true,
      switches: ['/fastdetect', '/a=b'],
      switchesEnd: ' multi(0)x = \t"Windows XP" /fastdetect  /a=b'.length,
    });
  });

  it('unquoted: up to the first / that starts a word', () => {
    expect(parseOsLine('C:\\=Recovery a/b /cmdcons')).toMatchObject({
      description: 'Recovery a/b',
      quoted: false,
      switches: ['/cmdcons'],
    });
    expect(parseOsLine('C:\\=/x')).toMatchObject({ description: '', switches: ['/x'] });
    expect(parseOsLine('C:\\=A\t/x')).toMatchObject({ description: 'A', switches: ['/x'] });
  });

  it('no =: malformed, the whole text the path', () => {
    expect(parseOsLine('  multi(0)disk(0) \t')).toEqual({
      path: 'multi(0)disk(0)',
      kind: 'malformed',
      description: undefined,
      quoted: false,
      switches: [],
      switchesEnd: '  multi(0)disk(0)'.length,
      problem: 'no "=" between a boot path and a description',
    });
  });

  it('nothing before the =: malformed', () => {
    expect(parseOsLine(' ="x" /a')).toMatchObject({
      path: '',
      kind: 'malformed',
      problem: 'nothing before the "=": no boot path',
    });
  });

  it('an open quote in the description: malformed, the rest is the description', () => {
    expect(parseOsLine('multi(0)x="Windows /a')).toMatchObject({
      kind: 'malformed',
      quoted: true,
      description: 'Windows /a',
      problem: 'the description\'s opening " is never closed',
      switches: [],
    });
  });

  it('an open quote or a ; among the switches: a problem, the kind kept', () => {
    expect(parseOsLine('multi(0)x="W" /a="b')).toMatchObject({
      kind: 'nt',
      problem:
        'a " after the description is never closed: an appended switch would end up inside it',
    });
    expect(parseOsLine('multi(0)x="W" /a ;c')).toMatchObject({
      kind: 'nt',
      problem:
        'a ";" after the description may start a comment that would swallow an appended switch',
    });
    expect(parseOsLine('multi(0)x="W" /a').problem).toBeUndefined();
  });
});
