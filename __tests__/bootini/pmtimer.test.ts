import { bytesToText, textToBytes } from '../../src/shared/bytes.js';
import { parseBootIni, serializeBootIni } from '../../src/bootini/model.js';
import { addUsePmTimer } from '../../src/bootini/pmtimer.js';
import { SAMPLE_NAMES, crlf, sampleBytes } from './fixtures.js';

const XP = 'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS';

function edit(text: string): string {
  return serializeBootIni(addUsePmTimer(parseBootIni(text)).model);
}

describe('addUsePmTimer on the samples', () => {
  it('windows-xp: adds the switch to the two Windows entries that lack it', () => {
    const result = addUsePmTimer(parseBootIni(bytesToText(sampleBytes('windows-xp'))));
    const expected = crlf(
      '[boot loader]',
      'timeout=30',
      `default=${XP}`,
      '[operating systems]',
      `${XP}="Microsoft Windows XP Professional" /noexecute=optin /fastdetect /usepmtimer`,
      `${XP}="Microsoft Windows XP Professional (debug)" /noexecute=optin /fastdetect /sos /debug /debugport=com1 /baudrate=115200 /usepmtimer`,
      'multi(0)disk(0)rdisk(0)partition(2)\\WINDOWS="Microsoft Windows XP Home Edition" /noexecute=optin /fastdetect /USEPMTIMER',
      'C:\\CMDCONS\\BOOTSECT.DAT="Microsoft Windows Recovery Console" /cmdcons',
      'C:\\="Microsoft Windows"',
    );
    expect(
      textToBytes(serializeBootIni(result.model)).equals(Buffer.from(expected, 'latin1')),
    ).toBe(true);
    expect(result.changedLines).toEqual([4, 5]);
    expect(result.warnings).toEqual([]);
    expect(result.problem).toBeUndefined();
    expect(result.entries.map((e) => [e.index, e.line, e.changed])).toEqual([
      [0, 4, true],
      [1, 5, true],
      [2, 6, false],
      [3, 7, false],
      [4, 8, false],
    ]);
    expect(result.entries[0]).toEqual({
      index: 0,
      line: 4,
      path: XP,
      description: 'Microsoft Windows XP Professional',
      descriptionText: 'Microsoft Windows XP Professional',
      oldSwitches: ['/noexecute=optin', '/fastdetect'],
      newSwitches: ['/noexecute=optin', '/fastdetect', '/usepmtimer'],
      changed: true,
    });
    expect(result.entries[2]?.reason).toBe('/usepmtimer is already there');
    expect(result.entries[3]?.reason).toMatch(/boot sector file NTLDR chain-loads/);
    expect(result.entries[4]?.reason).toMatch(/BOOTSECT\.DOS, DOS or Windows 9x/);
  });

  it('windows-2003: keeps the missing final newline and leaves / inside a description alone', () => {
    const result = addUsePmTimer(parseBootIni(bytesToText(sampleBytes('windows-2003'))));
    const expected =
      crlf(
        '[boot loader]',
        'timeout=30',
        `default=${XP}`,
        '[operating systems]',
        `${XP}="Windows Server 2003, Enterprise" /noexecute=optout /fastdetect /usepmtimer`,
        `${XP}="Windows Server 2003, Enterprise (PAE /3GB)" /noexecute=optout /fastdetect /PAE /3GB /usepmtimer`,
        `${XP}="Windows Server 2003, Enterprise (PM timer)" /noexecute=optout /fastdetect /usepmtimer`,
        'signature(8b467c12)disk(1)rdisk(0)partition(1)\\WINDOWS="Windows Server 2003, Standard (second disk)" /noexecute=optout /fastdetect /usepmtimer',
      ) + 'C:\\CMDCONS\\BOOTSECT.DAT="Microsoft Windows Recovery Console" /cmdcons';
    expect(
      textToBytes(serializeBootIni(result.model)).equals(Buffer.from(expected, 'latin1')),
    ).toBe(true);
    expect(result.changedLines).toEqual([4, 5, 7]);
    expect(result.entries[1]?.description).toBe('Windows Server 2003, Enterprise (PAE /3GB)');
    expect(result.entries[4]).toMatchObject({
      changed: false,
      oldSwitches: ['/cmdcons'],
      newSwitches: ['/cmdcons'],
    });
  });

  it.each(SAMPLE_NAMES)('%s: a second run changes nothing', (name) => {
    const once = addUsePmTimer(parseBootIni(bytesToText(sampleBytes(name))));
    const twice = addUsePmTimer(once.model);
    expect(twice.changedLines).toEqual([]);
    expect(serializeBootIni(twice.model)).toBe(serializeBootIni(once.model));
    expect(twice.entries.filter((e) => e.changed)).toEqual([]);
  });

  it('does not modify the model it is given', () => {
    const text = bytesToText(sampleBytes('windows-xp'));
    const ini = parseBootIni(text);
    addUsePmTimer(ini);
    expect(serializeBootIni(ini)).toBe(text);
  });
});

describe('addUsePmTimer on one line', () => {
  const section = (line: string, eol = '\r\n'): string => `[operating systems]${eol}${line}${eol}`;

  it.each(['/usepmtimer', '/USEPMTIMER', '/UsePmTimer', '/fastdetect/usepmtimer'])(
    'sees %s as present',
    (sw) => {
      const text = section(`${XP}="XP" /fastdetect ${sw}`);
      expect(edit(text)).toBe(text);
    },
  );

  it('does not take /usepmtimer inside the description as present', () => {
    expect(edit(section(`${XP}="XP /usepmtimer" /fastdetect`))).toBe(
      section(`${XP}="XP /usepmtimer" /fastdetect /usepmtimer`),
    );
  });

  it('appends before trailing blanks with one space', () => {
    expect(edit(section(`${XP}="XP" /fastdetect \t `))).toBe(
      section(`${XP}="XP" /fastdetect /usepmtimer \t `),
    );
    expect(edit(section(`${XP}="XP"`))).toBe(section(`${XP}="XP" /usepmtimer`));
    expect(edit(section(`${XP} = "XP"\t/sos`))).toBe(section(`${XP} = "XP"\t/sos /usepmtimer`));
  });

  it('keeps each line ending: CRLF, LF, mixed, none', () => {
    expect(edit(section(`${XP}="XP"`, '\n'))).toBe(section(`${XP}="XP" /usepmtimer`, '\n'));
    expect(edit(`[operating systems]\n${XP}="a"\r\n${XP}="b"\n${XP}="c"`)).toBe(
      `[operating systems]\n${XP}="a" /usepmtimer\r\n${XP}="b" /usepmtimer\n${XP}="c" /usepmtimer`,
    );
  });

  it('keeps a lone CR after the switch, where NTLDR would see the line end', () => {
    expect(edit(`[operating systems]\n${XP}="a"\r\r\n`)).toBe(
      `[operating systems]\n${XP}="a" /usepmtimer\r\r\n`,
    );
  });

  it('keeps bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from(`[operating systems]\r\n${XP}="Windows XP `),
      Buffer.from([0xe9, 0xff, 0xc3, 0x28]),
      Buffer.from('" /fastdetect\r\n'),
    ]);
    const result = addUsePmTimer(parseBootIni(bytesToText(bytes)));
    const out = textToBytes(serializeBootIni(result.model));
    expect(
      out.equals(
        Buffer.concat([bytes.subarray(0, bytes.length - 2), Buffer.from(' /usepmtimer\r\n')]),
      ),
    ).toBe(true);
    expect(result.entries[0]?.description).toBe('Windows XP \xe9\xff\xc3(');
    expect(result.entries[0]?.descriptionText).toBe('Windows XP \ufffd\ufffd\ufffd(');
  });

  it.each([
    [
      'Recovery Console',
      'C:\\CMDCONS\\BOOTSECT.DAT="Microsoft Windows Recovery Console" /cmdcons',
      /boot sector file/,
    ],
    ['DOS/9x boot sector', 'C:\\="Microsoft Windows"', /BOOTSECT\.DOS/],
    ['a boot sector file', 'C:\\BOOTSECT.DAT="Linux"', /boot sector file/],
    ['an ARC path with /cmdcons', `${XP}="Recovery Console" /CMDCONS`, /Recovery Console/],
    ['an unknown path', 'WINDOWS="XP" /fastdetect', /not an ARC path/],
    ['an unclosed description', `${XP}="XP /fastdetect`, /never closed/],
    ['an unclosed quote in the switches', `${XP}="XP" /x="y`, /never closed/],
    ['a ; after the description', `${XP}="XP" /fastdetect ;old`, /";"/],
    ['no =', `${XP} /fastdetect`, /no "="/],
    ['no path', '="XP" /fastdetect', /no boot path/],
  ])('leaves %s alone and says why', (_name, line, reason) => {
    const text = section(line);
    const result = addUsePmTimer(parseBootIni(text));
    expect(serializeBootIni(result.model)).toBe(text);
    expect(result.changedLines).toEqual([]);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]?.changed).toBe(false);
    expect(result.entries[0]?.reason).toMatch(reason);
  });

  it('edits entries in a section written in another case', () => {
    expect(edit(`[Operating Systems]\r\n${XP}="XP"\r\n`)).toBe(
      `[Operating Systems]\r\n${XP}="XP" /usepmtimer\r\n`,
    );
  });
});

describe('addUsePmTimer reports', () => {
  it('a default= that matches no entry, ignoring case', () => {
    const ok = addUsePmTimer(
      parseBootIni(
        `[boot loader]\ndefault = ${XP.toLowerCase()}\n[operating systems]\n${XP}="XP"\n`,
      ),
    );
    expect(ok.warnings).toEqual([]);
    const bad = addUsePmTimer(
      parseBootIni(
        `[boot loader]\ndefault=multi(0)disk(0)rdisk(0)partition(2)\\WINNT\n[operating systems]\n${XP}="XP"\n`,
      ),
    );
    expect(bad.warnings).toHaveLength(1);
    expect(bad.warnings[0]).toMatch(
      /default=multi\(0\)disk\(0\)rdisk\(0\)partition\(2\)\\WINNT \(line 2\) matches no entry/,
    );
    expect(bad.changedLines).toEqual([3]);
  });

  it('a missing [operating systems] section as a problem', () => {
    const result = addUsePmTimer(parseBootIni('[boot loader]\r\ntimeout=30\r\n'));
    expect(result.problem).toMatch(/no \[operating systems\] section/);
    expect(result.entries).toEqual([]);
    expect(result.changedLines).toEqual([]);
    expect(addUsePmTimer(parseBootIni('')).problem).toBeDefined();
  });

  it('an [operating systems] section with no Windows NT entry', () => {
    const result = addUsePmTimer(
      parseBootIni('[operating systems]\r\nC:\\="Microsoft Windows"\r\n'),
    );
    expect(result.problem).toBeUndefined();
    expect(result.warnings).toEqual([
      expect.stringMatching(/no entry .* boots a Windows NT kernel/),
    ]);
  });

  it('a second [operating systems] section', () => {
    const result = addUsePmTimer(
      parseBootIni(`[operating systems]\n${XP}="a"\n[operating systems]\n${XP}="b"\n`),
    );
    expect(result.changedLines).toEqual([1, 3]);
    expect(result.warnings).toEqual([expect.stringMatching(/more than one/)]);
  });
});
