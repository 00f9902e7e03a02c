import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToText, textToBytes } from '../../src/shared/bytes.js';
import { parseBootIni, serializeBootIni } from '../../src/bootini/model.js';
import { addUsePmTimer } from '../../src/bootini/pmtimer.js';
import { unifiedDiff } from '../../src/output/diff.js';
import { SAMPLE_NAMES, sampleBytes } from './fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bootini-diff-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Applies the edit's diff to the input with GNU patch and returns what patch wrote. */
function patched(input: Buffer, name: string): { out: Buffer; expected: Buffer; diff: string } {
  const ini = parseBootIni(bytesToText(input));
  const edit = addUsePmTimer(ini);
  const diff = unifiedDiff(
    ini.lines,
    edit.model.lines,
    edit.changedLines,
    'boot.ini',
    'boot.ini.kvm',
  );
  const original = path.join(dir, `${name}.ini`);
  const patchFile = path.join(dir, `${name}.patch`);
  const output = path.join(dir, `${name}.out`);
  writeFileSync(original, input);
  writeFileSync(patchFile, textToBytes(diff));
  execFileSync('patch', ['--silent', '--force', '-o', output, original, patchFile], {
    stdio: 'pipe',
  });
  return { out: readFileSync(output), expected: textToBytes(serializeBootIni(edit.model)), diff };
}

describe('unifiedDiff of the boot.ini edit', () => {
  it.each(SAMPLE_NAMES)('%s: GNU patch reproduces the output byte for byte', (name) => {
    const { out, expected, diff } = patched(sampleBytes(name), name);
    expect(diff).not.toBe('');
    expect(out.equals(expected)).toBe(true);
  });

  it('handles a changed last line without a newline, and non-UTF-8 bytes', () => {
    const input = Buffer.concat([
      Buffer.from('[operating systems]\r\nC:\\="Microsoft Windows"\r\n'),
      Buffer.from(
        'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS="XP \xe9\xff" /fastdetect',
        'latin1',
      ),
    ]);
    const { out, expected, diff } = patched(input, 'last-line');
    expect(diff).toContain('\\ No newline at end of file');
    expect(out.equals(expected)).toBe(true);
  });

  it('is empty when nothing changes', () => {
    const ini = addUsePmTimer(parseBootIni(bytesToText(sampleBytes('windows-xp')))).model;
    const again = addUsePmTimer(ini);
    expect(
      unifiedDiff(ini.lines, again.model.lines, again.changedLines, 'boot.ini', 'boot.ini.kvm'),
    ).toBe('');
  });
});
