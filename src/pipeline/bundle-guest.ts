import { rmSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { printable } from '../shared/text.js';
import { parseBundle } from '../facts/sources/bundle.js';
import { bundleSource } from '../facts/sources/bundle-source.js';
import { unpackBundle, type UnpackedBundle } from '../facts/sources/unpack.js';
import { onAbort, quietly } from '../output/cleanup.js';
import { copyAccess, type GuestConfig, type OutputSink } from '../output/guest.js';
import type { OpenGuest } from './open-guest.js';

/** The boot config as the bundle says the guest has it. */
function guestConfig(u: UnpackedBundle): GuestConfig | undefined {
  const b = u.boot;
  if (b.configPath === undefined || b.realPath === undefined) return undefined;
  if (b.mode === undefined || b.uid === undefined || b.gid === undefined) return undefined;
  const c: GuestConfig = {
    path: b.configPath,
    real: b.realPath,
    mode: b.mode,
    uid: b.uid,
    gid: b.gid,
  };
  if (b.readOnly !== undefined) c.readOnly = b.readOnly;
  return c;
}

/**
 * A sink that refuses, when asked before any question (the wizard's check),
 * what its write would fail on: a GRUB config on a mount the guest's
 * /proc/mounts says is read-only (a separate /boot often is).
 */
function refuseReadOnly(sink: OutputSink | undefined, u: UnpackedBundle): OutputSink | undefined {
  const { readOnly, mountPoint, realPath } = u.boot;
  if (!sink || !readOnly || mountPoint === undefined || realPath === undefined) return sink;
  const dir = path.posix.dirname(realPath);
  return {
    where: sink.where,
    check: () =>
      Promise.reject(
        new ToolError(
          `cannot write into ${printable(dir)} on guest ${printable(sink.where)}: ${printable(mountPoint)} is mounted read-only there (make it writable on the guest, e.g. mount -o remount,rw ${printable(mountPoint)}, or write the files here with --output and --diff and copy them yourself); nothing was written`,
        ),
      ),
    isCurrent: (pair) => sink.isCurrent(pair),
    write: (pair) => sink.write(pair),
  };
}

/** Where a bundle came from. */
export interface BundleOrigin {
  /** How messages about the bundle name it: the file as given, "stdin", "from guest HOST". */
  label: string;
  /** The guest's name, when the run knows it (--ssh): else the name the guest gives itself ... */
  guestName?: string;
  /** ... else this one (the bundle file's name). */
  fallbackName: string;
}

/**
 * A guest read from the bundle its collector printed: the bundle is
 * unpacked into a private root the run reads as the guest's, and removed
 * when the run ends.
 */
export async function bundleGuest(
  options: Options,
  text: string,
  source: BundleOrigin,
  sinkFor?: (guest: string, root: string) => OutputSink | undefined,
  close?: () => Promise<void>,
): Promise<OpenGuest> {
  const unpacked = await unpackBundle(parseBundle(text, source.label));
  // A run stopped by a signal runs no finally: the private copy goes then too.
  const forget = onAbort(() =>
    quietly(() => rmSync(unpacked.root, { recursive: true, force: true })),
  );
  const name = source.guestName ?? unpacked.live.hostname ?? source.fallbackName;
  // The private root is where this run reads the copy, not a --root the
  // user gave: the wizard's "same run without questions" must not name it.
  const guestOptions: Options = { ...options, root: unpacked.root, rootGiven: false };
  const config = guestConfig(unpacked);
  const access = copyAccess(
    guestOptions,
    bundleSource(unpacked, `${name}:`),
    config ? { name, config } : { name },
    refuseReadOnly(sinkFor?.(name, unpacked.root), unpacked),
  );
  return {
    ...access,
    // The connection first: its end (the master's exit) overlaps the removal.
    close: async () => {
      try {
        await close?.();
      } finally {
        await unpacked.cleanup();
        forget();
      }
    },
  };
}
