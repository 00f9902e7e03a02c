import { parseCommandLine, formatCommandLine } from '../../src/grub/cmdline.js';
import { applyArgs, editEntries } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';

function edit(line: string, params: string[]): string {
  const cl = parseCommandLine(line)!;
  applyArgs(cl, params);
  return formatCommandLine(cl);
}

describe('applyArgs (grubby --update-kernel --args semantics)', () => {
  it('appends new arguments after one space', () => {
    expect(edit('kernel /vmlinuz ro quiet', ['notsc', 'lpj=2394000'])).toBe(
      'kernel /vmlinuz ro quiet notsc lpj=2394000',
    );
  });

  it('appends to a kernel line with no arguments', () => {
    expect(edit('\tkernel /vmlinuz', ['notsc'])).toBe('\tkernel /vmlinuz notsc');
  });

  it('replaces a same-name argument in place', () => {
    expect(edit('kernel /vmlinuz ro lpj=1000 quiet', ['notsc', 'lpj=2394000'])).toBe(
      'kernel /vmlinuz ro lpj=2394000 quiet notsc',
    );
    expect(edit('kernel /vmlinuz clock=tsc\tquiet', ['clock=pmtmr'])).toBe(
      'kernel /vmlinuz clock=pmtmr\tquiet',
    );
  });

  it('keeps an identical argument, so a second run changes nothing', () => {
    const once = edit('kernel /vmlinuz ro', ['notsc', 'lpj=2394000']);
    expect(edit(once, ['notsc', 'lpj=2394000'])).toBe(once);
  });

  it('uses blanks that ended the line as the separator, as grubby does', () => {
    expect(edit('kernel /vmlinuz ro  ', ['notsc'])).toBe('kernel /vmlinuz ro  notsc');
  });

  it('reports what it did', () => {
    const cl = parseCommandLine('kernel /vmlinuz notsc lpj=5')!;
    expect(applyArgs(cl, ['notsc', 'lpj=7', 'divider=10'])).toEqual([
      { action: 'kept', arg: 'notsc' },
      { action: 'replaced', arg: 'lpj=7', old: 'lpj=5' },
      { action: 'appended', arg: 'divider=10' },
    ]);
  });
});

describe('editEntries', () => {
  it('edits only the Linux command lines of the given entries', () => {
    const text =
      'title a\n\tkernel /vmlinuz-a ro\ntitle b\n\tkernel /xen.gz\n\tmodule /vmlinuz-b ro\n\tmodule /initrd-b\ntitle c\n\tchainloader +1\n';
    const config = parseGrubConfig(text);
    const edits = editEntries(config, config.entries, ['notsc']);
    expect(edits.map((e) => [e.entry.index, e.line, e.changed])).toEqual([
      [0, 1, true],
      [1, 4, true],
    ]);
    expect(serializeGrubConfig(config)).toBe(
      'title a\n\tkernel /vmlinuz-a ro notsc\ntitle b\n\tkernel /xen.gz\n\tmodule /vmlinuz-b ro notsc\n\tmodule /initrd-b\ntitle c\n\tchainloader +1\n',
    );
  });

  it('leaves a line with an unbalanced quote alone and says why', () => {
    const config = parseGrubConfig('title a\n\tkernel /vmlinuz ro acpi_osi="!Windows 2012\n');
    const [e] = editEntries(config, config.entries, ['notsc']);
    expect(e?.changed).toBe(false);
    expect(e?.skipped).toMatch(/unbalanced/);
    expect(serializeGrubConfig(config)).toBe(
      'title a\n\tkernel /vmlinuz ro acpi_osi="!Windows 2012\n',
    );
  });
});

describe('duplicates of a clock argument', () => {
  it('replaces every occurrence, since the kernel obeys the last one', () => {
    expect(edit('kernel /vmlinuz clock=pit ro clock=tsc', ['clock=pmtmr'])).toBe(
      'kernel /vmlinuz clock=pmtmr ro clock=pmtmr',
    );
    expect(edit('kernel /vmlinuz lpj=1 lpj=2', ['lpj=3'])).toBe('kernel /vmlinuz lpj=3 lpj=3');
  });

  it("keeps grubby's first-only rule for arguments that may repeat", () => {
    expect(edit('kernel /vmlinuz console=tty0 console=ttyS0', ['console=ttyS1'])).toBe(
      'kernel /vmlinuz console=ttyS1 console=ttyS0',
    );
  });
});
