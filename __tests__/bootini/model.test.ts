import fc from 'fast-check';
import { bytesToText, textToBytes } from '../../src/shared/bytes.js';
import { parseBootIni, serializeBootIni } from '../../src/bootini/model.js';
import { parseOsLine } from '../../src/bootini/osline.js';
import { SAMPLE_NAMES, crlf, sampleBytes } from './fixtures.js';

const roundTrip = (text: string): string => serializeBootIni(parseBootIni(text));

describe('parseBootIni round trip', () => {
  it.each([
    ['empty', ''],
    ['only a newline', '\n'],
    [
      'crlf',
      crlf(
        '[boot loader]',
        'timeout=30',
        '[operating systems]',
        'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP" /fastdetect',
      ),
    ],
    [
      'lf',
      '[boot loader]\ntimeout=30\n[operating systems]\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP"\n',
    ],
    [
      'mixed endings',
      '[boot loader]\r\ntimeout=30\n[operating systems]\r\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP"\n',
    ],
    [
      'no final newline',
      '[operating systems]\r\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP" /fastdetect',
    ],
    [
      'comments and blanks',
      '; written by hand\r\n\r\n[boot loader]\r\n  ; timeout=5\r\ntimeout=30\r\n\r\n\r\n',
    ],
    [
      'section case',
      '[Boot Loader]\r\nDefault = multi(0)disk(0)rdisk(0)partition(1)\\WINNT\r\n[ Operating Systems ]\r\n',
    ],
    [
      'spaces around =',
      'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS  =  "XP"   /fastdetect  \r\n',
    ],
    [
      'quotes holding / and =',
      '[operating systems]\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="a=b /c d" /x=1\n',
    ],
    [
      'tabs',
      '[operating systems]\n\tmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS\t=\t"XP"\t/fastdetect\t\n',
    ],
    ['lone CRs', '[operating systems]\rmulti(0)\r\r\n\r'],
    ['junk lines', 'garbage\n[unterminated\n]\n[operating systems]\njust words\n=\n""\n"\n'],
    [
      'latin1 and invalid UTF-8',
      '[operating systems]\nmulti(0)disk(0)rdisk(0)partition(1)\\WINDOWS="Windows XP \xe9\xff\xc3" /fastdetect\n',
    ],
    ['NUL bytes', '[operating\0systems]\n\0\n'],
  ])('%s', (_name, text) => {
    expect(roundTrip(text)).toBe(text);
  });

  it.each(SAMPLE_NAMES)('sample %s gives back its bytes', (name) => {
    const bytes = sampleBytes(name);
    expect(textToBytes(roundTrip(bytesToText(bytes))).equals(bytes)).toBe(true);
  });

  it('holds for any bytes', () => {
    const pieces = fc.constantFrom(
      '[operating systems]',
      '[boot loader]',
      'default=',
      'multi(0)',
      'C:\\',
      '=',
      '"',
      ' ',
      '\t',
      '/',
      ';',
      '\r',
      '\n',
      '\r\n',
      'x',
      '\xff',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            pieces,
            fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a).toString('latin1')),
          ),
        ),
        (parts) => {
          const text = parts.join('');
          expect(roundTrip(text)).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseBootIni model', () => {
  const ini = parseBootIni(bytesToText(sampleBytes('windows-xp')));

  it('finds the sections case-insensitively and their extents', () => {
    const mixed = parseBootIni('[Boot Loader]\ntimeout=1\n[OPERATING SYSTEMS]\nmulti(0)="a"\n');
    expect(mixed.sections).toEqual([
      { key: 'boot loader', headerLine: 0, endLine: 2 },
      { key: 'operating systems', headerLine: 2, endLine: 4 },
    ]);
    expect(mixed.entries).toHaveLength(1);
  });

  it('reads [boot loader] settings with blanks around =', () => {
    expect(parseBootIni('[boot loader]\r\n Default = multi(0)x \r\n').bootLoader).toEqual([
      { line: 1, key: 'default', value: 'multi(0)x' },
    ]);
    expect(ini.bootLoader.map((s) => s.key)).toEqual(['timeout', 'default']);
  });

  it('lists every non-comment line of [operating systems] as an entry', () => {
    expect(ini.entries.map((e) => [e.index, e.line, e.kind])).toEqual([
      [0, 4, 'nt'],
      [1, 5, 'nt'],
      [2, 6, 'nt'],
      [3, 7, 'boot-sector'],
      [4, 8, 'boot-sector'],
    ]);
    expect(parseBootIni('[operating systems]\n; multi(0)="x"\n\n').entries).toEqual([]);
  });

  it('ignores lines before any section and in other sections', () => {
    expect(parseBootIni('multi(0)="x"\n[other]\nmulti(0)="y"\n').entries).toEqual([]);
  });
});

describe('parseOsLine', () => {
  it('splits path, quoted description and switches', () => {
    const line =
      'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS="Microsoft Windows XP Professional" /noexecute=optin /fastdetect  ';
    expect(parseOsLine(line)).toEqual({
      path: 'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS',
      kind: 'nt',
      description: 'Microsoft Windows XP Professional',
      quoted: true,
      switches: ['/noexecute=optin', '/fastdetect'],
      switchesEnd: line.length - 2,
    });
  });

  it('keeps / and = inside the quotes out of the switches', () => {
    const parsed = parseOsLine(
      'scsi(0)disk(0)rdisk(0)partition(1)\\WINNT="NT /usepmtimer a=b" /sos',
    );
    expect(parsed.description).toBe('NT /usepmtimer a=b');
    expect(parsed.switches).toEqual(['/sos']);
  });

  it('ends an unquoted description at the first switch', () => {
    const parsed = parseOsLine(
      'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS = Windows XP /fastdetect',
    );
    expect(parsed).toMatchObject({
      description: 'Windows XP',
      quoted: false,
      switches: ['/fastdetect'],
    });
  });

  it.each([
    ['multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS="a"', 'nt'],
    ['SCSI(0)disk(0)rdisk(0)partition(1)\\WINNT="a"', 'nt'],
    ['signature(8b467c12)disk(1)rdisk(0)partition(1)\\WINDOWS="a"', 'nt'],
    ['ramdisk(0)\\WINDOWS="a" /rdpath=net(0)\\x.wim', 'nt'],
    ['C:\\CMDCONS\\BOOTSECT.DAT="Recovery Console" /cmdcons', 'boot-sector'],
    ['C:\\="Microsoft Windows"', 'boot-sector'],
    ['c:\\bootsect.lnx="Linux"', 'boot-sector'],
    ['WINDOWS="a"', 'unknown'],
    ['just words', 'malformed'],
    ['="no path"', 'malformed'],
    ['multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS="open /fastdetect', 'malformed'],
  ])('%s is %s', (line, kind) => {
    expect(parseOsLine(line).kind).toBe(kind);
  });

  it('flags switch text that cannot safely take another switch', () => {
    expect(parseOsLine('multi(0)="a" /x="open').problem).toMatch(/never closed/);
    expect(parseOsLine('multi(0)="a" /fastdetect ; old').problem).toMatch(/";"/);
    expect(parseOsLine('multi(0)="a;b" /fastdetect').problem).toBeUndefined();
  });
});
