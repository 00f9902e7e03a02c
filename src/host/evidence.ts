import { displayText } from '../shared/bytes.js';
import type { Failure } from '../shared/rootfs.js';
import { printable as shownText } from '../shared/text.js';
import type { Evidence } from './types.js';

/** "path" or "path (permission denied)": how evidence names a file that could not be read. */
export function looked(f: Failure): Evidence {
  return { path: f.path, found: f.missing ? 'missing' : f.reason };
}

/**
 * File text shown on one report line. The host check reads its files as
 * latin1 (every byte survives as one character, so parsers see the bytes as
 * written); this is where they become UTF-8 again, then shared printable().
 */
export function printable(text: string, max = 200): string {
  return shownText(displayText(text), max);
}
