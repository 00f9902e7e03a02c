import type { Failure } from '../shared/rootfs.js';
import type { Evidence } from './types.js';

/** "path" or "path (permission denied)": how evidence names a file that could not be read. */
export function looked(f: Failure): Evidence {
  return { path: f.path, found: f.missing ? 'missing' : f.reason };
}

/**
 * File text shown on one report line: UTF-8 where it is valid, line breaks
 * as spaces, control bytes made visible, long text cut. The host check reads
 * its files as latin1 (every byte survives as one character, so parsers see
 * the bytes as written); this is where they become UTF-8 again. Unlike the
 * guest detection's printable(), invalid UTF-8 shows as U+FFFD and C1
 * controls are kept.
 */
export function printable(text: string, max = 200): string {
  const utf8 = Buffer.from(text, 'latin1').toString('utf8');
  const oneLine = utf8.replace(/[\r\n]+/g, ' ');
  // eslint-disable-next-line no-control-regex -- control bytes are what is being replaced
  const clean = oneLine.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '?').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}
