import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { errnoCode, errnoReason } from './errors.js';

/** Symlinks followed for one path before giving up, as Linux does (MAXSYMLINKS). */
const MAX_LINKS = 40;

/** Why a path could not be resolved, read or listed; `missing` for ENOENT and ENOTDIR. */
export type Failure = { ok: false; path: string; reason: string; missing: boolean };

export type Resolved = { ok: true; path: string } | Failure;

export type ReadResult =
  | {
      ok: true;
      /** The path asked for, on this machine (root + path in the root). */
      path: string;
      data: Buffer;
      /** True when the file holds more than was read. */
      truncated: boolean;
    }
  | Failure;

export interface ReadOptions {
  /** Most bytes to read. */
  max: number;
  /** Read the last `max` bytes instead of the first (logs grow at the end). */
  tail?: boolean;
}

export interface TextOptions extends ReadOptions {
  /**
   * How bytes become text: 'utf8' (the default; bytes that are not UTF-8
   * become U+FFFD) or 'latin1' (every byte survives as one character).
   */
  encoding?: 'utf8' | 'latin1';
}

/** An error's errno code; a failure without one counts as an I/O error. */
function errorCode(e: unknown): string {
  return errnoCode(e) ?? 'EIO';
}

function failure(p: string, code: string): Failure {
  return {
    ok: false,
    path: p,
    reason:
      code === 'ENOENT'
        ? 'missing'
        : code === 'ENOTDIR'
          ? 'missing (a parent is not a directory)'
          : (errnoReason(code) ?? `unreadable (${code})`),
    missing: code === 'ENOENT' || code === 'ENOTDIR',
  };
}

/** "path" or "path (reason)": the form sources list what was looked at. */
export function describeFailure(r: Failure): string {
  return r.missing ? r.path : `${r.path} (${r.reason})`;
}

/** Room a read starts with when the file's size says nothing (a /proc file says 0). */
const FIRST_CHUNK = 64 * 1024;

/**
 * Up to `want` bytes of an open file from `start`, until its end. The buffer
 * starts at the size the file reports (plus one, to see it grew) and grows
 * only when there is more, so a 1 MB cap on a 2 KB log costs 2 KB, not a
 * zero-filled megabyte. Only bytes read are returned.
 */
export function readUpTo(fd: number, start: number, want: number, size: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(want, size > start ? size - start + 1 : FIRST_CHUNK));
  let filled = 0;
  for (;;) {
    if (filled === buf.length) {
      if (filled >= want) break;
      const grown = Buffer.allocUnsafe(Math.min(want, Math.max(filled * 2, FIRST_CHUNK)));
      buf.copy(grown, 0, 0, filled);
      buf = grown;
    }
    const bytesRead = readSync(fd, buf, filled, buf.length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buf.subarray(0, filled);
}

/**
 * Reads files under a root that may be a mounted disk (a guest's, or an
 * offline host's): every path is resolved inside the root, so an absolute
 * symlink such as /bin/sh -> /usr/bin/bash lands on the disk's file and
 * never on this machine's own. Nothing here throws for a missing or odd
 * file (a missing /proc is the normal state of an offline root); callers
 * get a reason. The calls are synchronous behind the promise-returning
 * methods: detection makes a few hundred small ones, and each asynchronous
 * one would cost a round trip through libuv's thread pool; directories,
 * FIFOs and devices are never read (read() below).
 */
export class RootFs {
  readonly root: string;
  /** The root is this machine's own '/': the kernel resolves links correctly by itself. */
  readonly isHostRoot: boolean;
  /**
   * How messages name the root when it is a private copy of a guest's files
   * ('web1:' makes /etc/redhat-release 'web1:/etc/redhat-release').
   */
  readonly label: string | undefined;
  private readonly stats = new Map<string, Stats | string>();

  constructor(root: string, opts: { label?: string } = {}) {
    this.root = path.resolve(root);
    this.isHostRoot = this.root === '/' && opts.label === undefined;
    this.label = opts.label;
  }

  /** What messages call the root itself. */
  get name(): string {
    return this.label ?? this.root;
  }

  /** Where a path in the root lies on this machine, links not followed: what messages name. */
  hostPath(p: string): string {
    return this.label === undefined
      ? path.join(this.root, p)
      : `${this.label}${path.posix.join('/', p)}`;
  }

  /** A path on this machine under the root, as messages name it. */
  show(real: string): string {
    if (this.label === undefined) return real;
    const rel = path.relative(this.root, real);
    return rel.startsWith('..') ? real : this.hostPath(`/${rel}`);
  }

  private lstatCached(p: string): Stats | string {
    let s = this.stats.get(p);
    if (s === undefined) {
      try {
        s = lstatSync(p);
      } catch (e) {
        s = errorCode(e);
      }
      this.stats.set(p, s);
    }
    return s;
  }

  /** The real path a path in the root names, every symlink followed within the root. */
  async resolve(p: string): Promise<Resolved> {
    const asked = this.hostPath(p);
    if (this.isHostRoot) {
      try {
        return { ok: true, path: realpathSync(asked) };
      } catch (e) {
        return failure(asked, errorCode(e));
      }
    }
    // A stack of components still to walk, next one last.
    const pending = p.split('/').filter(Boolean).reverse();
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
      const st = this.lstatCached(candidate);
      if (typeof st === 'string') return failure(asked, st);
      if (st.isSymbolicLink()) {
        if (++links > MAX_LINKS) return failure(asked, 'ELOOP');
        let target: string;
        try {
          target = readlinkSync(candidate);
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
   * cannot hang detection; /proc and /sys files are regular files and read fine.
   */
  async read(p: string, options: ReadOptions): Promise<ReadResult> {
    const asked = this.hostPath(p);
    const resolved = await this.resolve(p);
    if (!resolved.ok) return resolved;
    let fd: number;
    try {
      fd = openSync(resolved.path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      return failure(asked, errorCode(e));
    }
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) return failure(asked, 'EISDIR');
      if (!st.isFile())
        return { ok: false, path: asked, reason: 'not a regular file', missing: false };
      // /proc and /sys files report a size of 0 or 4096 whatever they hold,
      // so the size only steers where a tail read starts and how much room a
      // read starts with. A head read asks for one byte more than `max`:
      // getting it is what tells a cut file.
      const { max } = options;
      const start = options.tail && st.size > max ? st.size - max : 0;
      const buf = readUpTo(fd, start, start > 0 ? max : max + 1, st.size);
      const filled = buf.length;
      const truncated = start > 0 || filled > max;
      return { ok: true, path: asked, data: buf.subarray(0, Math.min(filled, max)), truncated };
    } catch (e) {
      return failure(asked, errorCode(e));
    } finally {
      try {
        closeSync(fd);
      } catch {
        // Read already; nothing to do about a failed close.
      }
    }
  }

  /** A file's text (UTF-8 unless told otherwise), or why not. */
  async readText(
    p: string,
    options: TextOptions,
  ): Promise<{ ok: true; path: string; text: string; truncated: boolean } | Failure> {
    const r = await this.read(p, options);
    if (!r.ok) return r;
    const text = r.data.toString(options.encoding ?? 'utf8');
    return { ok: true, path: r.path, text, truncated: r.truncated };
  }

  /** Names in a directory (in no particular order), or why they could not be listed. */
  async list(
    dir: string,
  ): Promise<{ ok: true; path: string; real: string; names: string[] } | Failure> {
    const asked = this.hostPath(dir);
    const resolved = await this.resolve(dir);
    if (!resolved.ok) return resolved;
    try {
      return { ok: true, path: asked, real: resolved.path, names: readdirSync(resolved.path) };
    } catch (e) {
      return failure(asked, errorCode(e));
    }
  }

  /**
   * Whether a path names something. With `follow: false` the last component
   * is not followed: a systemd link to a unit counts even when its target
   * lies elsewhere, and a device such as /dev/kvm counts too.
   */
  async exists(p: string, follow = true): Promise<boolean> {
    if (follow) return (await this.resolve(p)).ok;
    const parent = await this.resolve(path.posix.dirname(path.posix.join('/', p)));
    if (!parent.ok) return false;
    const st = this.lstatCached(path.join(parent.path, path.posix.basename(p)));
    return typeof st !== 'string';
  }

  /** Modification time of a file in ms, or undefined. */
  async mtime(p: string): Promise<number | undefined> {
    const resolved = await this.resolve(p);
    if (!resolved.ok) return undefined;
    const st = this.lstatCached(resolved.path);
    return typeof st === 'string' ? undefined : st.mtimeMs;
  }
}
