import type { RootFs } from '../shared/rootfs.js';
import { looked, printable } from './evidence.js';
import type { Evidence } from './types.js';

export const CPUSPEED = '/etc/sysconfig/cpuspeed';
const CPUSPEED_MAX = 256 * 1024;

/** A variable as the shell that sources the file would leave it. */
export interface Setting {
  /** The value after quote removal; '' for `MIN_SPEED=`. */
  value: string;
  /** 1-based line of the assignment that wins (the last one). */
  line: number;
  /** The assignment as written, for evidence. */
  text: string;
}

export type Cpuspeed =
  { ok: true; path: string; min?: Setting; max?: Setting } | { ok: false; evidence: Evidence };

/**
 * The value of `NAME=value` as sh reads it: quoted ("..." or '...') or bare
 * up to the first blank, a trailing `# comment` ignored. Good enough for a
 * sysconfig file; command substitution and the like are not evaluated.
 */
function shellValue(rest: string): string {
  let out = '';
  let i = 0;
  while (i < rest.length && !/[ \t;#]/.test(rest[i] as string)) {
    const c = rest[i] as string;
    if (c === '"' || c === "'") {
      const end = rest.indexOf(c, i + 1);
      if (end === -1) return out + rest.slice(i + 1);
      out += rest.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\' && i + 1 < rest.length) {
      out += rest[i + 1] as string;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** MIN_SPEED and MAX_SPEED of a cpuspeed file; the last assignment of each wins, as when sourced. */
export function parseCpuspeed(text: string): { min?: Setting; max?: Setting } {
  const found: { min?: Setting; max?: Setting } = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^[ \t]*(?:export[ \t]+)?(MIN_SPEED|MAX_SPEED)=(.*)$/.exec(raw);
    if (!m) return;
    const setting = { value: shellValue(m[2] as string), line: i + 1, text: printable(raw, 120) };
    if (m[1] === 'MIN_SPEED') found.min = setting;
    else found.max = setting;
  });
  return found;
}

/** <root>/etc/sysconfig/cpuspeed, the file the document says to edit. */
export async function readCpuspeed(fs: RootFs): Promise<Cpuspeed> {
  const r = await fs.readText(CPUSPEED, { max: CPUSPEED_MAX, encoding: 'latin1' });
  if (!r.ok) return { ok: false, evidence: looked(r) };
  return { ok: true, path: r.path, ...parseCpuspeed(r.text) };
}

/** "MIN_SPEED=2600000 (line 12)" or "MIN_SPEED not set". */
export function describeSetting(name: string, s: Setting | undefined): string {
  if (!s) return `${name} not set`;
  if (s.value === '') return `${name} empty (line ${s.line})`;
  return `${s.text} (line ${s.line}${/^\d+$/.test(s.value) ? '' : ', not a number'})`;
}
