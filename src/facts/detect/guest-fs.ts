import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

/** Symlinks followed for one path before giving up, as Linux does (MAXSYMLINKS). */
const MAX_LINKS = 40;

export type Resolved =
  { ok: true; path: string } | { ok: false; path: string; reason: string; missing: boolean };

export type ReadResult =
  | {
      ok: true;
      /** The path asked for, on the host (root + guest path). */
      path: string;
      data: Buffer;
      /** True when the file holds more than was read. */
      truncated: boolean;
    }
  | { ok: false; path: string; reason: string; missing: boolean };

export interface ReadOptions {
  /** Most bytes to read. */
  max: number;
  /** Read the last `max` bytes instead of the first (logs grow at the end). */
  tail?: boolean;
}

const REASONS: Record<string, string> = {
  ENOENT: 'missing',
  ENOTDIR: 'missing (a parent is not a directory)',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
};

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : 'EIO';
}

function failure(
  p: string,
  code: string,
): { ok: false; path: string; reason: string; missing: boolean } {
  return {
    ok: false,
    path: p,
    reason: REASONS[code] ?? `unreadable (${code})`,
    missing: code === 'ENOENT' || code === 'ENOTDIR',
  };
}

/** "path" or "path (reason)": the form sources list what was looked at. */
export function describeFailure(r: { path: string; reason: string; missing: boolean }): string {
  return r.missing ? r.path : `${r.path} (${r.reason})`;
}

/**
 * Reads files of a guest whose root may be a mounted disk: every path is
 * resolved inside the root, so an absolute symlink such as /bin/sh ->
 * /usr/bin/bash lands in the guest and never on the host's own file.
 * Nothing here throws for a missing or odd file; callers get a reason.
 */
export class GuestFs {
  readonly root: string;
  /** The root is the host's own '/': the kernel resolves links correctly by itself. */
  readonly isHostRoot: boolean;
  private readonly stats = new Map<string, Promise<Stats | string>>();

  constructor(root: string) {
    this.root = path.resolve(root);
    this.isHostRoot = this.root === '/';
  }

  /** The host path of a guest path, links not followed: what messages name. */
  hostPath(guestPath: string): string {
    return path.join(this.root, guestPath);
  }

  private lstatCached(p: string): Promise<Stats | string> {
    let s = this.stats.get(p);
    if (!s) {
      s = lstat(p).catch((e: unknown) => errorCode(e));
      this.stats.set(p, s);
    }
    return s;
  }

  /** The host path a guest path names, every symlink followed within the root. */
  async resolve(guestPath: string): Promise<Resolved> {
    const asked = this.hostPath(guestPath);
    if (this.isHostRoot) {
      try {
        return { ok: true, path: await realpath(asked) };
      } catch (e) {
        return failure(asked, errorCode(e));
      }
    }
    // A stack of components still to walk, next one last.
    const pending = guestPath.split('/').filter(Boolean).reverse();
    const done: string[] = [];
    let links = 0;
    for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
      if (part === '.') continue;
      if (part === '..') {
        // As in a chroot: '..' at the root stays at the root.
        done.pop();
        continue;
      }
      const candidate = path.join(this.root, ...done, part);
      const st = await this.lstatCached(candidate);
      if (typeof st === 'string') return failure(asked, st);
      if (st.isSymbolicLink()) {
        if (++links > MAX_LINKS) return failure(asked, 'ELOOP');
        let target: string;
        try {
          target = await readlink(candidate);
        } catch (e) {
          return failure(asked, errorCode(e));
        }
        if (target.startsWith('/')) done.length = 0;
        pending.push(...target.split('/').filter(Boolean).reverse());
        continue;
      }
      if (pending.length > 0 && !st.isDirectory()) return failure(asked, 'ENOTDIR');
      done.push(part);
    }
    return { ok: true, path: path.join(this.root, ...done) };
  }

  /**
   * Reads at most `max` bytes of a regular file. Directories, FIFOs and
   * devices are refused before any read, so a FIFO in a guest's /var/log
   * cannot hang detection.
   */
  async read(guestPath: string, options: ReadOptions): Promise<ReadResult> {
    const asked = this.hostPath(guestPath);
    const resolved = await this.resolve(guestPath);
    if (!resolved.ok) return resolved;
    let fh;
    try {
      fh = await open(resolved.path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      return failure(asked, errorCode(e));
    }
    try {
      const st = await fh.stat();
      if (st.isDirectory()) return failure(asked, 'EISDIR');
      if (!st.isFile())
        return { ok: false, path: asked, reason: 'not a regular file', missing: false };
      // /proc and /sys files report a size of 0 or 4096 whatever they hold,
      // so the size only steers where a tail read starts.
      const start = options.tail && st.size > options.max ? st.size - options.max : 0;
      const buf = Buffer.alloc(options.max);
      let filled = 0;
      while (filled < options.max) {
        const { bytesRead } = await fh.read(buf, filled, options.max - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      const truncated = start > 0 || (filled === options.max && st.size > start + filled);
      return { ok: true, path: asked, data: buf.subarray(0, filled), truncated };
    } catch (e) {
      return failure(asked, errorCode(e));
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /** A file's text as UTF-8 (bytes that are not become U+FFFD), or why not. */
  async readText(
    guestPath: string,
    options: ReadOptions,
  ): Promise<
    | { ok: true; path: string; text: string; truncated: boolean }
    | Extract<ReadResult, { ok: false }>
  > {
    const r = await this.read(guestPath, options);
    if (!r.ok) return r;
    return { ok: true, path: r.path, text: r.data.toString('utf8'), truncated: r.truncated };
  }

  /** Names in a guest directory, or why they could not be listed. */
  async list(
    guestDir: string,
  ): Promise<
    { ok: true; path: string; real: string; names: string[] } | Extract<Resolved, { ok: false }>
  > {
    const asked = this.hostPath(guestDir);
    const resolved = await this.resolve(guestDir);
    if (!resolved.ok) return resolved;
    try {
      return { ok: true, path: asked, real: resolved.path, names: await readdir(resolved.path) };
    } catch (e) {
      return failure(asked, errorCode(e));
    }
  }

  /**
   * Whether a guest path names something. With `follow: false` the last
   * component is not followed: a systemd link to a unit counts even when its
   * target lies elsewhere.
   */
  async exists(guestPath: string, follow = true): Promise<boolean> {
    if (follow) return (await this.resolve(guestPath)).ok;
    const parent = await this.resolve(path.posix.dirname(path.posix.join('/', guestPath)));
    if (!parent.ok) return false;
    const st = await this.lstatCached(path.join(parent.path, path.posix.basename(guestPath)));
    return typeof st !== 'string';
  }

  /** Modification time of a guest file in ms, or undefined. */
  async mtime(guestPath: string): Promise<number | undefined> {
    const resolved = await this.resolve(guestPath);
    if (!resolved.ok) return undefined;
    const st = await this.lstatCached(resolved.path);
    return typeof st === 'string' ? undefined : st.mtimeMs;
  }
}
