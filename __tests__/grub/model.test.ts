import { parseCommandLine, formatCommandLine } from '../../src/grub/cmdline.js';
import { tokenize, argName } from '../../src/shared/cmdline.js';
import { parseDirective } from '../../src/grub/directive.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';

describe('parseDirective', () => {
  it.each([
    ['default=0', 'default', '=', '0'],
    ['timeout 5', 'timeout', ' ', '5'],
    ['\ttitle  Red Hat (2.6.18)', 'title', '  ', 'Red Hat (2.6.18)'],
    ['default = 1', 'default', ' = ', '1'],
    ['hiddenmenu', 'hiddenmenu', '', ''],
  ])('%j', (text, keyword, separator, value) => {
    expect(parseDirective(text)).toMatchObject({ keyword, separator, value });
  });

  it('ignores comments and blank lines', () => {
    expect(parseDirective('  # kernel /vmlinuz')).toBeUndefined();
    expect(parseDirective(' \t ')).toBeUndefined();
  });
});

describe('command lines', () => {
  it('splits a kernel line and joins it back exactly', () => {
    const text = '\tkernel  /vmlinuz-2.6.18-164.el5 ro\troot=/dev/sda1  quiet ';
    const cl = parseCommandLine(text);
    expect(cl).toMatchObject({ image: '/vmlinuz-2.6.18-164.el5', trail: ' ' });
    expect(cl?.args.map((a) => a.text)).toEqual(['ro', 'root=/dev/sda1', 'quiet']);
    expect(formatCommandLine(cl!)).toBe(text);
  });

  it('keeps GRUB options before the image out of the arguments', () => {
    const cl = parseCommandLine('kernel --no-mem-option /vmlinuz ro');
    expect(cl?.image).toBe('/vmlinuz');
    expect(cl?.args.map((a) => a.text)).toEqual(['ro']);
  });

  it('reads quoted arguments as the kernel does', () => {
    const r = tokenize('ro acpi_osi="!Windows 2012" quiet');
    expect(r.tokens.map((t) => t.text)).toEqual(['ro', 'acpi_osi="!Windows 2012"', 'quiet']);
    expect(r.unbalancedQuote).toBe(false);
    expect(tokenize('ro acpi_osi="!Windows 2012 quiet').unbalancedQuote).toBe(true);
  });

  it('names arguments by the text before =', () => {
    expect(argName('lpj=2394000')).toBe('lpj');
    expect(argName('notsc')).toBe('notsc');
    expect(argName('root=LABEL=/')).toBe('root');
  });
});

const SAMPLE = `# comment
default=1
timeout 5
title Linux (2.6.18-164.el5)
\troot (hd0,0)
\tkernel /vmlinuz-2.6.18-164.el5 ro root=LABEL=/
\tinitrd /initrd-2.6.18-164.el5.img
title Xen
\tkernel /xen.gz-2.6.18-164.el5 dom0_mem=512M
\tmodule /vmlinuz-2.6.18-164.el5xen ro root=LABEL=/
\tmodule /initrd-2.6.18-164.el5xen.img
title Windows
\trootnoverify (hd0,1)
\tchainloader +1
title Empty
`;

describe('parseGrubConfig', () => {
  const config = parseGrubConfig(SAMPLE);

  it('finds entries and where their Linux command line is', () => {
    expect(config.entries.map((e) => [e.title, e.kind, e.linuxLine])).toEqual([
      ['Linux (2.6.18-164.el5)', 'linux', 5],
      ['Xen', 'multiboot', 9],
      ['Windows', 'none', undefined],
      ['Empty', 'none', undefined],
    ]);
    expect(config.entries[1]?.hypervisor).toBe('/xen.gz-2.6.18-164.el5');
    expect(config.entries[2]?.reason).toBe('chainloader +1');
    expect(config.defaults).toEqual([{ line: 1, value: '1' }]);
  });

  it.each([
    ['the sample', SAMPLE],
    ['CRLF and no final newline', SAMPLE.replace(/\n/g, '\r\n').slice(0, -2)],
    [
      'non-UTF-8 bytes',
      Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x20, 0xe9, 0xff, 0x0a, 0xc3]).toString('latin1'),
    ],
    ['no entries', 'default=0\n'],
    ['unknown directives and junk', 'foo bar=baz\n=\n  =x\ntitle\nkernel\n'],
  ])('serializes %s back byte for byte', (_n, text) => {
    expect(serializeGrubConfig(parseGrubConfig(text))).toBe(text);
  });
});
