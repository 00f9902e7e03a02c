import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Debian's busybox-static: a static binary, so it runs in a chroot with no libraries. */
export const BUSYBOX = '/usr/bin/busybox';

/**
 * Applets a minimal RHEL 3 does not have (old-guests.md): hidden in fake guests
 * so that guest-side code using them fails in the tests as it would on the guest.
 */
export const MISSING_ON_OLD_GUESTS = [
  'base64',
  'realpath',
  'timeout',
  'truncate',
  'nproc',
  'shuf',
  'xxd',
  'sha256sum',
  'sha512sum',
  'sha3sum',
];

let applets: string[] | undefined;

/** The applets this busybox has, by their real names. */
export function appletList(): string[] {
  applets ??= execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return applets;
}

/** A busybox whose hidden applets answer to other names (`renamed`: real name -> new name). */
export interface PatchedBusybox {
  bin: Buffer;
  renamed: Map<string, string>;
}

const patched = new Map<string, PatchedBusybox>();

/** A new name for the applet at `i`: its last letter changed so that the table stays sorted. */
function newName(names: readonly string[], i: number): string {
  const name = names[i]!;
  const prev = names[i - 1] ?? '';
  const next = names[i + 1];
  const taken = new Set(names);
  for (const c of 'ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba9876543210_') {
    const candidate = name.slice(0, -1) + c;
    if (!taken.has(candidate) && prev < candidate && (next === undefined || candidate < next))
      return candidate;
  }
  throw new Error(`${BUSYBOX}: no new name for ${name} keeps the applet table sorted`);
}

/**
 * A copy of busybox in which the given applets are renamed.
 *
 * Why: Debian's busybox-static is built with FEATURE_SH_STANDALONE, so its
 * shell runs its own applets before looking at PATH. A fake `uname` or `dmesg`
 * on PATH would never run, and the host kernel's answers would leak into the
 * guest. Busybox finds applets in one sorted, NUL-separated name table; a
 * new last letter that keeps the table sorted (checked) leaves every other
 * applet found, and the renamed one is then found by PATH.
 */
export function patchedBusybox(hide: readonly string[]): PatchedBusybox {
  const key = [...hide].sort().join(',');
  const cached = patched.get(key);
  if (cached) return cached;
  const bin = Buffer.from(readFileSync(BUSYBOX));
  const start = bin.indexOf(Buffer.from('\0[\0[[\0', 'latin1')) + 1;
  if (start <= 0) throw new Error(`${BUSYBOX}: applet name table not found`);
  const at: number[] = [];
  const names: string[] = [];
  for (let p = start; bin[p] !== 0;) {
    const end = bin.indexOf(0, p);
    at.push(p);
    names.push(bin.toString('latin1', p, end));
    p = end + 1;
  }
  const renamed = new Map<string, string>();
  for (const applet of hide) {
    const i = names.indexOf(applet);
    if (i < 0) continue;
    const name = newName(names, i);
    bin.write(name, at[i]!, 'latin1');
    names[i] = name;
    renamed.set(applet, name);
  }
  const result = { bin, renamed };
  patched.set(key, result);
  return result;
}

/**
 * A copy of a dynamically linked program whose ELF interpreter is
 * /.fcd/ld.so, so that it runs in a guest tree that has its loader and
 * libraries under /.fcd and nothing in the guest's own /lib or /lib64.
 * (What `patchelf --set-interpreter` does for a path no longer than the old one.)
 */
export function withPrivateInterpreter(program: string, interpreter: string): Buffer {
  const bin = Buffer.from(readFileSync(program));
  const old = Buffer.from(`${interpreter}\0`, 'latin1');
  const at = bin.indexOf(old);
  if (at < 0) throw new Error(`${program}: interpreter ${interpreter} not found in the binary`);
  const replacement = Buffer.alloc(old.length);
  replacement.write('/.fcd/ld.so', 'latin1');
  replacement.copy(bin, at);
  return bin;
}

/** The loader and libraries `ldd` names for a program: [interpreter, libraries]. */
export function sharedObjects(program: string): { interpreter: string; libraries: string[] } {
  const out = execFileSync('ldd', [program], { encoding: 'utf8' });
  let interpreter: string | undefined;
  const libraries: string[] = [];
  for (const line of out.split('\n')) {
    const lib = /=>\s+(\/\S+)/.exec(line);
    if (lib?.[1]) libraries.push(lib[1]);
    else if (/^\s*(\/\S+)\s+\(/.test(line)) interpreter = line.trim().split(/\s+/)[0];
  }
  if (!interpreter) throw new Error(`${program}: ldd named no interpreter`);
  return { interpreter, libraries };
}
