import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { COLLECTOR_SCRIPT } from '../facts/sources/collector.js';
import {
  COLLECTOR_FILE,
  GUEST_LIST,
  checkGuestName,
  isGuestName,
  ensureDir,
  guestFiles,
  saveFile,
} from './files.js';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The guest names of a list, one a line (blank lines and blanks around ignored), each once. */
export function parseGuestList(text: string): string[] {
  return [...new Set(lines(text).map(checkGuestName))];
}

/**
 * The start of a fleet run, once for all its guests: the reports directory
 * is made, what an earlier run left there for these guests is removed (so
 * the summary tells this run only), the list of guests is written (so a run
 * stopped by max_fail_percentage still names every guest it did not reach),
 * and the collector is put there for the collect tasks to send.
 */
export async function startRun(dir: string, guests: readonly string[]): Promise<void> {
  await ensureDir(dir);
  await Promise.all(
    guests.flatMap((g) => guestFiles(dir, g).map((f) => fsp.rm(f, { force: true }))),
  );
  await saveFile(path.join(dir, GUEST_LIST), guests.map((g) => `${g}\n`).join(''));
  await saveFile(path.join(dir, COLLECTOR_FILE), COLLECTOR_SCRIPT);
}

/** The guests a run named, or none when the directory has no list. */
export async function readGuestList(dir: string): Promise<string[]> {
  const text = await fsp.readFile(path.join(dir, GUEST_LIST), 'utf8').catch(() => '');
  return [...new Set(lines(text).filter(isGuestName))];
}
