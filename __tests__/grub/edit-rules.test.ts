/**
 * The edit rules where a command line or --params has the same name twice,
 * where a line is too long for its kernel, and where CRs end it: which
 * argument is replaced, which one wins, what is reported.
 */
import {
  argsLength,
  commandImage,
  formatCommandLine,
  parseCommandLine,
} from '../../src/grub/cmdline.js';
import { applyArgs, editPlans } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';

function edit(line: string, params: string[]): { line: string; changes: unknown } {
  const cl = parseCommandLine(line)!;
  const changes = applyArgs(cl, params);
  return { line: formatCommandLine(cl), changes };
}

describe('two parameters of one name in --params', () => {
  it('console=tty0 console=ttyS0 on a line without console: both appended, in order (the kernel uses each console)', () => {
    expect(edit('kernel /vmlinuz ro', ['console=tty0', 'console=ttyS0'])).toEqual({
      line: 'kernel /vmlinuz ro console=tty0 console=ttyS0',
      changes: [
        { action: 'appended', arg: 'console=tty0' },
        { action: 'appended', arg: 'console=ttyS0' },
      ],
    });
  });

  it('on a line with one console=: the first replaces it, the second is appended after', () => {
    expect(edit('kernel /vmlinuz console=ttyS1 ro', ['console=tty0', 'console=ttyS0']).line).toBe(
      'kernel /vmlinuz console=tty0 ro console=ttyS0',
    );
  });

  it('on a line with two: each replaces one, first to first', () => {
    expect(
      edit('kernel /vmlinuz console=a ro console=b', ['console=tty0', 'console=ttyS0']),
    ).toEqual({
      line: 'kernel /vmlinuz console=tty0 ro console=ttyS0',
      changes: [
        { action: 'replaced', arg: 'console=tty0', old: 'console=a' },
        { action: 'replaced', arg: 'console=ttyS0', old: 'console=b' },
      ],
    });
  });

  it('a second run with the same --params changes nothing', () => {
    const once = edit('kernel /vmlinuz ro', ['console=tty0', 'console=ttyS0']).line;
    expect(edit(once, ['console=tty0', 'console=ttyS0'])).toEqual({
      line: once,
      changes: [
        { action: 'kept', arg: 'console=tty0' },
        { action: 'kept', arg: 'console=ttyS0' },
      ],
    });
  });

  it('clock=pit clock=pmtmr: the last one given is the one on every clock= (the kernel obeys the last)', () => {
    expect(edit('kernel /vmlinuz clock=tsc ro', ['clock=pit', 'clock=pmtmr']).line).toBe(
      'kernel /vmlinuz clock=pit ro clock=pmtmr',
    );
  });

  it('a flag without a value and one with a value share the name', () => {
    expect(edit('kernel /vmlinuz notsc=1 ro', ['notsc']).line).toBe('kernel /vmlinuz notsc ro');
    expect(edit('kernel /vmlinuz notscx ro', ['notsc']).line).toBe(
      'kernel /vmlinuz notscx ro notsc',
    );
  });

  it('a duplicate clock argument already equal to the new one is kept, not reported again', () => {
    expect(edit('kernel /vmlinuz lpj=1 lpj=7 lpj=1', ['lpj=7'])).toEqual({
      line: 'kernel /vmlinuz lpj=7 lpj=7 lpj=7',
      changes: [
        { action: 'replaced', arg: 'lpj=7', old: 'lpj=1' },
        { action: 'replaced', arg: 'lpj=7', old: 'lpj=1' },
      ],
    });
  });
});

describe('command lines ending in CR, and their length', () => {
  it('new arguments go before the CRs that end the line', () => {
    expect(edit('kernel /vmlinuz ro\r\r', ['notsc']).line).toBe('kernel /vmlinuz ro notsc\r\r');
  });

  it('argsLength counts what follows the image, without CRs', () => {
    expect(argsLength(parseCommandLine('kernel /vmlinuz ro  quiet \r')!)).toBe('ro  quiet '.length);
    expect(argsLength(parseCommandLine('kernel /vmlinuz')!)).toBe(0);
  });

  it('commandImage skips GRUB options and reads a quoted image whole', () => {
    expect(commandImage('kernel --type=linux --no-mem-option /vmlinuz ro')).toBe('/vmlinuz');
    expect(commandImage('\tmodule "/a b" ro\r')).toBe('"/a b"');
    expect(commandImage('kernel --no-mem-option')).toBeUndefined();
    expect(commandImage('# kernel /vmlinuz')).toBeUndefined();
  });
});

describe('editPlans with the kernel’s command-line limit', () => {
  const limit = { bytes: 20, source: 'COMMAND_LINE_SIZE of RHEL 3 (256)' };

  it('an edit that would pass the limit is not made, and the reason names the sizes', () => {
    const config = parseGrubConfig('title a\n\tkernel /vmlinuz ro root=/dev/sda1\n');
    const [e] = editPlans(config, [
      { entry: config.entries[0]!, params: ['notsc', 'lpj=2394000'], limit },
    ]);
    expect(e?.changed).toBe(false);
    expect(e?.skipped).toBe(
      'its command line would be 35 bytes, more than the 20 its kernel keeps: the added parameters would be cut off without a word (COMMAND_LINE_SIZE of RHEL 3 (256)); remove arguments it does not need, such as rhgb quiet, and run again',
    );
    expect(serializeGrubConfig(config)).toBe('title a\n\tkernel /vmlinuz ro root=/dev/sda1\n');
  });

  it('a line already over the limit says so, and with an assumed limit says why', () => {
    const config = parseGrubConfig('title a\n\tkernel /vmlinuz ro root=/dev/sda1 rhgb\n');
    const assumed = { ...limit, assumed: 'the kernel version is not known' };
    const [e] = editPlans(config, [
      { entry: config.entries[0]!, params: ['notsc'], limit: assumed },
    ]);
    expect(e?.skipped).toBe(
      'its command line would be 28 bytes, more than the 20 its kernel keeps (it is already 22 bytes): the added parameters would be cut off without a word (COMMAND_LINE_SIZE of RHEL 3 (256); the kernel version is not known); remove arguments it does not need, such as rhgb quiet, and run again',
    );
  });

  it('an unchanged line over the limit is kept, with what the kernel never sees', () => {
    const config = parseGrubConfig('title a\n\tkernel /vmlinuz ro root=/dev/sda1 notsc\n');
    const [e] = editPlans(config, [{ entry: config.entries[0]!, params: ['notsc'], limit }]);
    expect(e).toMatchObject({ changed: false, skipped: undefined });
    expect(e?.cut).toBe(
      'its command line is 23 bytes, more than the 20 its kernel keeps (COMMAND_LINE_SIZE of RHEL 3 (256)): the kernel never sees notsc; remove arguments it does not need, such as rhgb quiet',
    );
  });

  it('within the limit: edited, nothing cut', () => {
    const config = parseGrubConfig('title a\n\tkernel /vmlinuz ro\n');
    const [e] = editPlans(config, [{ entry: config.entries[0]!, params: ['notsc'], limit }]);
    expect(e).toMatchObject({ changed: true, oldArgs: ['ro'], newArgs: ['ro', 'notsc'] });
    expect(e?.cut).toBeUndefined();
  });

  it('an entry without a Linux line, or whose line is gone, is passed over', () => {
    const config = parseGrubConfig('title w\n\tchainloader +1\ntitle a\n\tkernel /vmlinuz ro\n');
    expect(editPlans(config, [{ entry: config.entries[0]!, params: ['notsc'] }])).toEqual([]);
    const gone = { ...config.entries[1]!, linuxLine: 99 };
    expect(editPlans(config, [{ entry: gone, params: ['notsc'] }])).toEqual([]);
  });
});
