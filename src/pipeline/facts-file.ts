import type { Options } from '../shared/options.js';
import { bundleOrigin, readBundleText } from '../facts/sources/bundle-file.js';
import { bundleGuest } from './bundle-guest.js';
import { scriptSink } from './script-sink.js';
import type { OpenGuest } from './open-guest.js';

/** `--facts FILE` (or `-`): a guest known only by the bundle its collector printed. */
export async function factsFileGuest(options: Options, file: string): Promise<OpenGuest> {
  const text = await readBundleText(file);
  // Messages name the file as given; a guest that gave no name of its own is named after it.
  return bundleGuest(options, text, bundleOrigin(file), (guest, root) =>
    options.emitWriter === undefined ? undefined : scriptSink(guest, root, options.emitWriter),
  );
}
