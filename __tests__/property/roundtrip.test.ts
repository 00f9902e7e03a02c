/**
 * Lossless reading: whatever bytes grub.conf holds, parsing and serialising
 * give them back exactly, and the structure the parser reports is consistent.
 *
 * Replaying a failure: fast-check prints the seed and path of the failing
 * run; FC_SEED=<seed> FC_PATH=<path> npm test -- __tests__/property runs
 * exactly that case again (FC_RUNS_SCALE=10 multiplies the runs for a soak;
 * see runs() in arbitraries.ts).
 */
import fc from 'fast-check';
import { bytesToText, textToBytes } from '../../src/shared/bytes.js';
import { formatCommandLine, parseCommandLine } from '../../src/grub/cmdline.js';
import { editEntries } from '../../src/grub/edit.js';
import { joinLines, splitLines } from '../../src/shared/lines.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';
import { grubishBytes, paramSet, runs } from './arbitraries.js';

describe('parse / serialize round trip on arbitrary bytes', () => {
  it('serializeGrubConfig(parseGrubConfig(bytes)) gives back the same bytes', () => {
    fc.assert(
      fc.property(grubishBytes, (buf) => {
        const out = textToBytes(serializeGrubConfig(parseGrubConfig(bytesToText(buf))));
        expect(out.equals(buf)).toBe(true);
      }),
      runs(600),
    );
  });

  it('splits into lines the way GRUB and diff do: at LF, CR kept unless it precedes LF', () => {
    fc.assert(
      fc.property(grubishBytes, (buf) => {
        const text = bytesToText(buf);
        const lines = splitLines(text);
        expect(joinLines(lines)).toBe(text);
        // One line per LF, plus one for trailing bytes after the last LF.
        const lf = buf.filter((b) => b === 0x0a).length;
        expect(lines.length).toBe(lf + (text.length > 0 && !text.endsWith('\n') ? 1 : 0));
        lines.forEach((l, i) => {
          expect(l.text).not.toContain('\n');
          if (l.eol === '') expect(i).toBe(lines.length - 1);
          if (l.eol === '\n') expect(l.text.endsWith('\r')).toBe(false);
        });
      }),
      runs(400),
    );
  });

  it('reports entries that tile the file after the first title, with their Linux line inside', () => {
    fc.assert(
      fc.property(grubishBytes, (buf) => {
        const config = parseGrubConfig(bytesToText(buf));
        config.entries.forEach((e, i) => {
          expect(e.index).toBe(i);
          expect(e.titleLine).toBeLessThan(e.endLine);
          const next = config.entries[i + 1];
          expect(e.endLine).toBe(next ? next.titleLine : config.lines.length);
          if (e.kind === 'none') {
            expect(e.linuxLine).toBeUndefined();
            expect(e.reason).toBeTruthy();
          } else {
            expect(e.linuxLine).toBeGreaterThan(e.titleLine);
            expect(e.linuxLine).toBeLessThan(e.endLine);
            expect(e.image).toBeTruthy();
          }
        });
        for (const d of config.defaults) {
          expect(config.entries[0]?.titleLine ?? Infinity).toBeGreaterThan(d.line);
        }
      }),
      runs(400),
    );
  });

  it('parseCommandLine / formatCommandLine give back any line byte for byte', () => {
    fc.assert(
      fc.property(grubishBytes, (buf) => {
        for (const line of splitLines(bytesToText(buf))) {
          const cl = parseCommandLine(line.text);
          if (cl) expect(formatCommandLine(cl)).toBe(line.text);
        }
      }),
      runs(400),
    );
  });

  it('editing every entry of arbitrary bytes never throws and touches only Linux lines', () => {
    fc.assert(
      fc.property(grubishBytes, paramSet, (buf, params) => {
        const config = parseGrubConfig(bytesToText(buf));
        const before = config.lines.map((l) => ({ ...l }));
        const edits = editEntries(config, config.entries, params);
        const linuxLines = new Set(edits.map((e) => e.line));
        expect(config.lines.length).toBe(before.length);
        config.lines.forEach((l, i) => {
          expect(l.eol).toBe(before[i]!.eol);
          const old = before[i]!.text;
          // An open quote would swallow anything added after it.
          if (!linuxLines.has(i) || parseCommandLine(old)?.unbalancedQuote)
            expect(l.text).toBe(old);
          expect(l.text).not.toContain('\n');
        });
        // And the edit is idempotent even on garbage.
        const once = serializeGrubConfig(config);
        editEntries(config, config.entries, params);
        expect(serializeGrubConfig(config)).toBe(once);
      }),
      runs(400),
    );
  });
});
