import { rmSync } from 'node:fs';
import type { Options } from '../shared/options.js';
import { onAbort, quietly } from '../output/cleanup.js';
import { parseBundle } from '../facts/sources/bundle.js';
import { bundleSource } from '../facts/sources/bundle-source.js';
import { unpackBundle, type UnpackedBundle } from '../facts/sources/unpack.js';
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
 * A guest read from the bundle its collector printed: the bundle is
 * unpacked into a private root the run reads as the guest's, and removed
 * when the run ends.
 */
export async function bundleGuest(
  options: Options,
  text: string,
  source: { bundleName: string; guestName?: string },
  sinkFor?: (guest: string, root: string) => OutputSink | undefined,
  close?: () => Promise<void>,
): Promise<OpenGuest> {
  const unpacked = await unpackBundle(parseBundle(text, source.bundleName));
  // A run stopped by a signal runs no finally: the private copy goes then too.
  const forget = onAbort(() =>
    quietly(() => rmSync(unpacked.root, { recursive: true, force: true })),
  );
  const name =
    source.guestName ??
    unpacked.live.hostname ??
    (source.bundleName === 'stdin' ? 'guest' : source.bundleName);
  const guestOptions: Options = {
    ...options,
    root: unpacked.root,
    rootGiven: true,
  };
  const config = guestConfig(unpacked);
  const access = copyAccess(
    guestOptions,
    bundleSource(unpacked, `${name}:`),
    config ? { name, config } : { name },
    sinkFor?.(name, unpacked.root),
  );
  return {
    ...access,
    close: async () => {
      await unpacked.cleanup();
      forget();
      await close?.();
    },
  };
}
