import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));

export const SAMPLE_NAMES = ['windows-xp', 'windows-2003'] as const;

export function sampleBytes(name: (typeof SAMPLE_NAMES)[number]): Buffer {
  return readFileSync(path.join(SAMPLES, name, 'boot.ini'));
}

/** Lines joined with CRLF, as Windows writes boot.ini. */
export function crlf(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}
