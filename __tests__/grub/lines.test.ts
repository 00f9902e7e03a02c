import { joinLines, splitLines } from '../../src/shared/lines.js';

describe('splitLines', () => {
  it.each([
    ['empty', ''],
    ['no final newline', 'a\nb'],
    ['final newline', 'a\nb\n'],
    ['crlf', 'a\r\nb\r\n'],
    ['mixed', 'a\r\nb\nc\r\nd'],
    ['lone cr', 'a\rb\n\r'],
    ['blank lines', '\n\n\r\n'],
  ])('%s round-trips', (_name, text) => {
    expect(joinLines(splitLines(text))).toBe(text);
  });

  it('keeps CR of CRLF out of the text', () => {
    expect(splitLines('kernel /v ro\r\n')).toEqual([{ text: 'kernel /v ro', eol: '\r\n' }]);
  });
});
