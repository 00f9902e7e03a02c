import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Evidence } from './types.js';

/** Links followed for one path before giving up, as Linux does (MAXSYMLINKS). */
const MAX_LINKS = 40;

export type Failure = { ok: false; path: string; reason: string; missing: boolean };
export type TextResult = { ok: true; path: string; text: string; truncated: boolean } | Failure;
export type ListResult = { ok: true; path: string; names: string[] } | Failure;

const REASONS: Record<string, string> = {
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
};

function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : 'EIO';
}

function failure(p: string, code: string): Failure {
  return {
    ok: false,
    path: p,
    reason: REASONS[code] ?? `unreadable (${code})`,
    missing: code === 'ENOENT' || code === 'ENOTDIR',
  };
}

/**
 * Reads a host's files under a root that may be a mounted disk. Paths are
 * resolved inside the root, so an absolute link such as
 * /etc/sysconfig/cpuspeed -> /etc/cpuspeed.conf reads the disk's file, not
 * this machine's. Nothing here throws: a missing /proc is the normal state of
 * an offline root, and callers report it.
 *
 * (src/facts/detect has a guest reader like this; it is still changing, so
 * the host check keeps its own small one.)
 */
export class HostFs {
  readonly root: string;
  private readonly isSlash: boolean;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.isSlash = this.root === '/';
  }

  /** Where a host path lies on this machine, links not followed: what evidence names. */
  hostPath(p: string): string {
    return path.join(this.root, p);
  }

  /** The real path of a host path, every link followed without leaving the root. */
  async resolve(p: string): Promise<{ ok: true; path: string } | Failure> {
    const asked = this.hostPath(p);
    // On '/' the kernel's own resolution is already the right one.
    if (this.isSlash) {
      try {
        return { ok: true, path: await realpath(asked) };
      } catch (e) {
        return failure(asked, codeOf(e));
      }
    }
    const pending = p.split('/').filter(Boolean).reverse();
    const done: string[] = [];
    let links = 0;
    for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
      if (part === '.') continue;
      if (part === '..') {
        done.pop();
        continue;
      }
      const here = path.join(this.root, ...done, part);
      let isLink: boolean;
      let isDir: boolean;
      try {
        const st = await lstat(here);
        isLink = st.isSymbolicLink();
        isDir = st.isDirectory();
      } catch (e) {
        return failure(asked, codeOf(e));
      }
      if (isLink) {
        if (++links > MAX_LINKS) return failure(asked, 'ELOOP');
        let target: string;
        try {
          target = await readlink(here);
        } catch (e) {
          return failure(asked, codeOf(e));
        }
        if (target.startsWith('/')) done.length = 0;
        pending.push(...target.split('/').filter(Boolean).reverse());
        continue;
      }
      if (pending.length > 0 && !isDir) return failure(asked, 'ENOTDIR');
      done.push(part);
    }
    return { ok: true, path: path.join(this.root, ...done) };
  }

  /**
   * At most `max` bytes of a regular file as latin1 text (any byte survives).
   * FIFOs and devices are refused before reading, so a stray FIFO cannot hang
   * the check; /proc and /sys files are regular files and read fine.
   */
  async readText(p: string, max: number): Promise<TextResult> {
    const asked = this.hostPath(p);
    const resolved = await this.resolve(p);
    if (!resolved.ok) return resolved;
    let fh;
    try {
      fh = await open(resolved.path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      return failure(asked, codeOf(e));
    }
    try {
      const st = await fh.stat();
      if (st.isDirectory()) return failure(asked, 'EISDIR');
      if (!st.isFile())
        return { ok: false, path: asked, reason: 'not a regular file', missing: false };
      // /proc files say size 0 whatever they hold: read until EOF or max.
      const buf = Buffer.alloc(max + 1);
      let filled = 0;
      while (filled < buf.length) {
        const { bytesRead } = await fh.read(buf, filled, buf.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const truncated = filled > max;
      return {
        ok: true,
        path: asked,
        text: buf.subarray(0, Math.min(filled, max)).toString('latin1'),
        truncated,
      };
    } catch (e) {
      return failure(asked, codeOf(e));
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  async list(dir: string): Promise<ListResult> {
    const asked = this.hostPath(dir);
    const resolved = await this.resolve(dir);
    if (!resolved.ok) return resolved;
    try {
      return { ok: true, path: asked, names: (await readdir(resolved.path)).sort() };
    } catch (e) {
      return failure(asked, codeOf(e));
    }
  }

  /**
   * Whether something is there, the last component not followed: a systemd
   * wants link counts even when its target (/usr/lib/...) is elsewhere, and
   * /dev/kvm is a device, not a file.
   */
  async exists(p: string): Promise<boolean> {
    const parent = await this.resolve(path.posix.dirname(path.posix.join('/', p)));
    if (!parent.ok) return false;
    try {
      await lstat(path.join(parent.path, path.posix.basename(p)));
      return true;
    } catch {
      return false;
    }
  }
}

/** "path" or "path (permission denied)": how evidence names a file that could not be read. */
export function looked(f: Failure): Evidence {
  return { path: f.path, found: f.missing ? 'missing' : f.reason };
}

/**
 * File text (read as latin1) shown on one report line: UTF-8 where it is
 * valid, line breaks as spaces, control bytes made visible, long text cut.
 */
export function printable(text: string, max = 200): string {
  const utf8 = Buffer.from(text, 'latin1').toString('utf8');
  const oneLine = utf8.replace(/[\r\n]+/g, ' ');
  // eslint-disable-next-line no-control-regex -- control bytes are what is being replaced
  const clean = oneLine.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '?').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}
