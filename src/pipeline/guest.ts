import type { Options } from '../shared/options.js';
import { localAccess } from '../output/guest.js';
import { factsFileGuest } from './facts-file.js';
import type { OpenGuest } from './open-guest.js';
import { sshGuest } from './ssh-guest.js';

export type { OpenGuest };

/**
 * How this run reaches its guest: files under `--root` (or `/`), a facts
 * bundle (`--facts`), or a live guest over SSH (`--ssh`). Each gives the
 * boot targets the same GuestAccess, so detection, rules, plan, diff and
 * report are one code path whatever the guest is.
 */
export async function openGuest(options: Options): Promise<OpenGuest> {
  if (options.facts !== undefined) return factsFileGuest(options, options.facts);
  if (options.ssh !== undefined) return sshGuest(options, options.ssh);
  return localAccess(options);
}

export async function closeGuest(guest: OpenGuest): Promise<void> {
  await guest.close?.();
}
