import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADLER_START, adlerHex, adlerUpdate } from '../../src/facts/sources/adler32.js';
import { COLLECTOR_SCRIPT } from '../../src/facts/sources/collector.js';
import { VERSION } from '../../src/shared/version.js';
import { zlibAdler } from './helpers.js';

const source = (name: string): string =>
  fileURLToPath(new URL(`../../src/facts/sources/${name}`, import.meta.url));
const PARTS = [
  'collector.sh',
  'collector-records.sh',
  'collector-files.sh',
  'collector-logs.sh',
].map(source);

describe('the collector script', () => {
  test('is clean under shellcheck -s sh, as written and as shipped', () => {
    for (const args of [...PARTS.map((p) => [p]), ['-']]) {
      const r = spawnSync('shellcheck', ['-s', 'sh', ...args], {
        input: COLLECTOR_SCRIPT,
        encoding: 'utf8',
      });
      expect(r.error).toBeUndefined();
      expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: '' });
    }
  });

  test('ships as one script: the frame with its parts put in and the tool version written in', () => {
    const [frame, records, files, logs] = PARTS.map((p) => readFileSync(p, 'utf8')) as [
      string,
      string,
      string,
      string,
    ];
    expect(frame).toContain("VERSION='@FCD_VERSION@'");
    expect(frame.split('\n').filter((l) => l === '# @FCD_PARTS@')).toHaveLength(1);
    const [before, after] = frame.split('# @FCD_PARTS@\n') as [string, string];
    const expected = `${before}${records}\n${files}\n${logs}${after}`
      .split('@FCD_VERSION@')
      .join(VERSION);
    expect(COLLECTOR_SCRIPT).toBe(expected);
    expect(COLLECTOR_SCRIPT.startsWith('#!/bin/sh\n')).toBe(true);
    expect(COLLECTOR_SCRIPT).not.toContain('@FCD_VERSION@');
  });

  test('uses only the commands an old guest has, and never writes a file', () => {
    const code = COLLECTOR_SCRIPT.split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .join('\n');
    // A path's last component (/proc/<pid>/stat) is not a command.
    expect(code).not.toMatch(
      /(?<!\/)\b(?:local|base64|mktemp|readlink|stat|awk|wc|dd|find|xargs|tr|cut|tee|touch|mkdir|rm|mv|cp|ln)\b/,
    );
    // head and tail are part names in the format, never run.
    expect(code).not.toMatch(/(?:^|[|;&(]\s*)(?:head|tail)\b/m);
    expect(code).not.toMatch(/\[\[|\bfunction\b/);
    // Output redirections only to the shell's own streams or /dev/null (quoted text aside).
    const unquoted = code.replace(/^ASCII=.*$/m, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(unquoted).toContain('exec 2>/dev/null');
    for (const m of unquoted.matchAll(/[^<>&2]>>?\s*([^\s;]+)/g))
      expect(m[1]).toMatch(/^(?:\/dev\/null|&\d)$/);
  });
});

describe('Adler-32', () => {
  test('agrees with zlib on empty, short and long inputs, fed whole or in parts', () => {
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('Wikipedia'),
      Buffer.alloc(100000, 0xff),
      Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 31) & 0xff)),
    ];
    for (const bytes of inputs) {
      expect(adlerHex(adlerUpdate(ADLER_START, bytes))).toBe(zlibAdler(bytes));
      const half = Math.floor(bytes.length / 2);
      expect(
        adlerHex(
          adlerUpdate(adlerUpdate(ADLER_START, bytes.subarray(0, half)), bytes.subarray(half)),
        ),
      ).toBe(zlibAdler(bytes));
    }
    expect(adlerHex(adlerUpdate(ADLER_START, Buffer.from('Wikipedia')))).toBe('11e60398');
  });
});
