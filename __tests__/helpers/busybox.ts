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

/** The name a hidden applet answers to in the patched binary (its last letter upper-cased). */
export function hiddenName(applet: string): string {
  return applet.slice(0, -1) + applet.slice(-1).toUpperCase();
}

const patched = new Map<string, Buffer>();

/**
 * A copy of busybox in which the given applets are renamed (see hiddenName).
 *
 * Why: Debian's busybox-static is built with FEATURE_SH_STANDALONE, so its
 * shell runs its own applets before looking at PATH. A fake `uname` or `dmesg`
 * on PATH would never run, and the host kernel's answers would leak into the
 * guest. Busybox finds applets in one sorted, NUL-separated name table;
 * upper-casing a name's last letter keeps the table sorted (checked below), so
 * every other applet is still found, and the renamed one is found by PATH.
 */
export function patchedBusybox(hide: readonly string[]): Buffer {
  const key = [...hide].sort().join(',');
  const cached = patched.get(key);
  if (cached) return cached;
  const bin = Buffer.from(readFileSync(BUSYBOX));
  const start = bin.indexOf(Buffer.from('\0[\0[[\0', 'latin1')) + 1;
  if (start <= 0) throw new Error(`${BUSYBOX}: applet name table not found`);
  const names: { name: string; at: number }[] = [];
  for (let at = start; bin[at] !== 0;) {
    const end = bin.indexOf(0, at);
    names.push({ name: bin.toString('latin1', at, end), at });
    at = end + 1;
  }
  const known = new Set(appletList());
  for (const applet of hide) {
    if (!known.has(applet)) continue;
    const i = names.findIndex((n) => n.name === applet);
    const entry = names[i];
    if (!entry) throw new Error(`${BUSYBOX}: applet ${applet} not in its name table`);
    const renamed = hiddenName(applet);
    const prev = names[i - 1]?.name ?? '';
    const next = names[i + 1]?.name;
    if (!(prev < renamed && (next === undefined || renamed < next)))
      throw new Error(`${BUSYBOX}: renaming ${applet} to ${renamed} would unsort the applet table`);
    bin.write(renamed, entry.at, 'latin1');
    entry.name = renamed;
  }
  patched.set(key, bin);
  return bin;
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
