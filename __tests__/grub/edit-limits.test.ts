/**
 * editPlans at the edges (src/grub/edit.ts): a command line exactly at its
 * kernel's limit, which arguments lie past it, duplicates of a parameter
 * whose last occurrence wins, and lines that are not a command line.
 */
import { editPlans } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';

const LINE = 'title a\n\tkernel /vmlinuz ro root=/dev/sda1 notsc\n';
const limit = (bytes: number) => ({ bytes, source: 'COMMAND_LINE_SIZE' });

function edit(text: string, params: string[], bytes?: number) {
  const config = parseGrubConfig(text);
  const [e] = editPlans(config, [
    { entry: config.entries[0]!, params, ...(bytes === undefined ? {} : { limit: limit(bytes) }) },
  ]);
  return { e: e!, text: serializeGrubConfig(config) };
}

describe('the limit, byte for byte', () => {
  it('a line that ends exactly at the limit is edited: the limit is what the kernel keeps', () => {
    // "ro notsc" is 8 bytes.
    const { e, text } = edit('title a\n\tkernel /vmlinuz ro\n', ['notsc'], 8);
    expect(e).toMatchObject({ changed: true, newArgs: ['ro', 'notsc'] });
    expect(e.skipped).toBeUndefined();
    expect(text).toBe('title a\n\tkernel /vmlinuz ro notsc\n');
  });

  it('one byte over: not edited, and a line that was exactly at the limit is not called over it', () => {
    const { e, text } = edit('title a\n\tkernel /vmlinuz ro\n', ['notsc'], 7);
    expect(e).toMatchObject({ changed: false, changes: [], oldArgs: ['ro'], newArgs: ['ro'] });
    expect(e.skipped).toMatch(
      /^its command line would be 8 bytes, more than the 7 its kernel keeps: /,
    );
    expect(text).toBe('title a\n\tkernel /vmlinuz ro\n');
    const at = edit('title a\n\tkernel /vmlinuz ro\n', ['notsc'], 2);
    expect(at.e.skipped).toMatch(
      /^its command line would be 8 bytes, more than the 2 its kernel keeps: /,
    );
  });

  it('an unchanged line exactly at the limit is not cut', () => {
    // "ro root=/dev/sda1 notsc" is 23 bytes.
    const { e } = edit(LINE, ['notsc'], 23);
    expect(e).toMatchObject({ changed: false });
    expect(e.cut).toBeUndefined();
  });

  it.each([
    [22, 'notsc'],
    // root=/dev/sda1 ends at byte 17 exactly: the kernel keeps it.
    [17, 'notsc'],
    [16, 'root=/dev/sda1 notsc'],
    [2, 'root=/dev/sda1 notsc'],
    [1, 'ro root=/dev/sda1 notsc'],
  ])('over a limit of %i bytes the kernel never sees: %s', (bytes, lost) => {
    const { e } = edit(LINE, ['notsc'], bytes);
    expect(e.cut).toBe(
      `its command line is 23 bytes, more than the ${bytes} its kernel keeps (COMMAND_LINE_SIZE): the kernel never sees ${lost}; remove arguments it does not need, such as rhgb quiet`,
    );
  });

  it('a refused edit of a quoted line records no change', () => {
    const { e } = edit('title a\n\tkernel /vmlinuz ro a="b\n', ['notsc']);
    expect(e).toMatchObject({
      changed: false,
      changes: [],
      skipped: expect.stringMatching(/^unbalanced "/),
    });
  });
});

describe('duplicates', () => {
  it('a clock parameter given twice on the line: every later one is replaced too, nothing else', () => {
    const { e, text } = edit(
      'title a\n\tkernel /vmlinuz ro clock=pit quiet clock=pit console=tty0 clock=pmtmr\n',
      ['clock=pmtmr'],
    );
    expect(text).toBe(
      'title a\n\tkernel /vmlinuz ro clock=pmtmr quiet clock=pmtmr console=tty0 clock=pmtmr\n',
    );
    expect(e.changes).toEqual([
      { action: 'replaced', arg: 'clock=pmtmr', old: 'clock=pit' },
      { action: 'replaced', arg: 'clock=pmtmr', old: 'clock=pit' },
    ]);
  });

  it('two of a name that may repeat (console=): the first replaces the one there, the second is appended', () => {
    const { text } = edit('title a\n\tkernel /vmlinuz ro console=ttyS1 quiet\n', [
      'console=tty0',
      'console=ttyS0',
    ]);
    expect(text).toBe('title a\n\tkernel /vmlinuz ro console=tty0 quiet console=ttyS0\n');
  });
});

describe('entries whose Linux line is not a command line', () => {
  it('an entry pointing at a blank line is passed over, and the config left as it is', () => {
    const text = `${LINE}\n`;
    const config = parseGrubConfig(text);
    const odd = { ...config.entries[0]!, linuxLine: 2 };
    expect(editPlans(config, [{ entry: odd, params: ['notsc'] }])).toEqual([]);
    expect(serializeGrubConfig(config)).toBe(text);
  });
});
