import { tokenize } from '../shared/cmdline.js';
import { TRAILING_BLANKS } from './syntax.js';

/**
 * - `nt`: an ARC path, so NTLDR loads a Windows NT kernel with the switches.
 * - `boot-sector`: a drive path (`C:\`, `C:\CMDCONS\BOOTSECT.DAT`): NTLDR
 *   chain-loads a boot sector file and no NT kernel ever sees the switches.
 * - `unknown`: neither; nothing says what it boots.
 * - `malformed`: not `path=description`, or a quote left open.
 */
export type OsKind = 'nt' | 'boot-sector' | 'unknown' | 'malformed';

/** One line of `[operating systems]`: `path="description" /switch ...`. */
export interface OsLine {
  /** Trimmed text before the first `=` (latin1, see grub/bytes.ts). */
  path: string;
  kind: OsKind;
  /** Between the quotes, or the unquoted text before the first switch; undefined without `=`. */
  description: string | undefined;
  quoted: boolean;
  /** Words after the description, as written. */
  switches: string[];
  /** Where trailing blanks start in the line's text: where a switch is appended. */
  switchesEnd: number;
  /** For `malformed` lines, and lines whose switch text cannot safely take another switch. */
  problem?: string;
}

// ramdisk(0) is Windows Server 2003 SP1's boot from a RAM disk image: still an NT kernel.
const ARC_PATH = /^(multi|scsi|signature|ramdisk)\(/i;
const DRIVE_PATH = /^[a-z]:\\/i;

function kindOf(path: string): OsKind {
  if (ARC_PATH.test(path)) return 'nt';
  if (DRIVE_PATH.test(path)) return 'boot-sector';
  return 'unknown';
}

/** Where an unquoted description ends: before the first `/` that starts a word. */
function unquotedEnd(rest: string, from: number): number {
  for (let j = from; j < rest.length; j++) {
    if (rest[j] === '/' && (j === from || rest[j - 1] === ' ' || rest[j - 1] === '\t')) return j;
  }
  return rest.length;
}

export function parseOsLine(text: string): OsLine {
  const switchesEnd = text.length - (TRAILING_BLANKS.exec(text)?.[0].length ?? 0);
  const eq = text.indexOf('=');
  if (eq === -1) {
    const path = text.trim();
    const problem = 'no "=" between a boot path and a description';
    return {
      path,
      kind: 'malformed',
      description: undefined,
      quoted: false,
      switches: [],
      switchesEnd,
      problem,
    };
  }
  const path = text.slice(0, eq).trim();
  const rest = text.slice(eq + 1, switchesEnd);
  let i = 0;
  while (rest[i] === ' ' || rest[i] === '\t') i++;
  const line: OsLine = {
    path,
    kind: kindOf(path),
    description: '',
    quoted: false,
    switches: [],
    switchesEnd,
  };
  let after: number;
  if (rest[i] === '"') {
    const close = rest.indexOf('"', i + 1);
    line.quoted = true;
    if (close === -1) {
      // NTLDR would read an appended switch as part of the description.
      line.description = rest.slice(i + 1);
      line.kind = 'malformed';
      line.problem = 'the description\'s opening " is never closed';
      return line;
    }
    line.description = rest.slice(i + 1, close);
    after = close + 1;
  } else {
    after = unquotedEnd(rest, i);
    line.description = rest.slice(i, after).replace(/[ \t]+$/, '');
    after = i + line.description.length;
  }
  if (path === '') {
    line.kind = 'malformed';
    line.problem = 'nothing before the "=": no boot path';
  }
  const { tokens, unbalancedQuote } = tokenize(rest.slice(after));
  line.switches = tokens.map((t) => t.text);
  if (unbalancedQuote && !line.problem) {
    line.problem =
      'a " after the description is never closed: an appended switch would end up inside it';
  } else if (line.switches.some((s) => s.includes(';')) && !line.problem) {
    line.problem =
      'a ";" after the description may start a comment that would swallow an appended switch';
  }
  return line;
}
