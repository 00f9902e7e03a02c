import type { Options } from '../shared/options.js';
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
  sink?: OutputSink,
  close?: () => Promise<void>,
): Promise<OpenGuest> {
  const unpacked = await unpackBundle(parseBundle(text, source.label));
  const name = source.guestName ?? unpacked.live.hostname ?? source.fallbackName;
  // The private root is where this run reads the copy, not a --root the
  // user gave: the wizard's "same run without questions" must not name it.
  const guestOptions: Options = { ...options, root: unpacked.root, rootGiven: false };
  const config = guestConfig(unpacked);
  const access = copyAccess(
    guestOptions,
    bundleSource(unpacked, `${name}:`),
    config ? { name, config } : { name },
    sink,
  );
  return {
    ...access,
    close: async () => {
      await unpacked.cleanup();
      await close?.();
    },
  };
}
