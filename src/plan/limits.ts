import type { Facts } from '../facts/types.js';
import { cmdlineLimit, SMALLEST_LIMIT } from '../rules/cmdline-limits.js';
import { releaseOfKernel } from './kernel.js';
import type { EntryLimit, EntryPlan } from './types.js';

/**
 * The command-line limit of the kernel an entry boots; for a kernel whose
 * version does not tell its release, the guest release's limit, else the
 * smallest of all, each said to be assumed.
 */
export function entryLimit(plan: EntryPlan, facts: Facts): EntryLimit {
  const own = releaseOfKernel(plan.kernel)?.release;
  const ownLimit = own === undefined ? undefined : cmdlineLimit(own);
  if (ownLimit) return ownLimit;
  const kernel = plan.kernel === undefined ? 'its kernel' : `kernel ${plan.kernel}`;
  const guest = facts.release.value;
  const guestLimit = guest === undefined ? undefined : cmdlineLimit(guest);
  if (guest !== undefined && guestLimit)
    return {
      ...guestLimit,
      assumed: `${kernel} is not a RHEL kernel version, so the limit of a RHEL ${guest} kernel (the guest's release) is assumed`,
    };
  return {
    ...SMALLEST_LIMIT,
    assumed: `neither ${kernel} nor the guest's release tells the kernel's limit, so the smallest is assumed`,
  };
}
