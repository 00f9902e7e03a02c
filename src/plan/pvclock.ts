import type { Fact } from '../facts/types.js';
import { kernelKvmClock } from '../rules/kvm-clock.js';
import { compareReleases } from '../rules/release.js';
import type { RuleRow } from '../rules/types.js';

/** "Only Red Hat Enterprise Linux 5.4 and higher virtual machines fully support the paravirtualized clock." */
export const PVCLOCK_SINCE = '5.4';
const SEED = 'RHEV 3.4 Administration Guide 9.16.3';

/** Whether a decided row asks about kvm-clock at all. */
export function rowDependsOnPvclock(row: RuleRow): boolean {
  return row.pvclock !== 'any';
}

/** The warnings that go with deciding for a release whose rows may not depend on kvm-clock. */
export function pvclockWarnings(
  pvclock: Fact<boolean>,
  release: string,
  row: RuleRow,
  prefix = '',
): string[] {
  if (!rowDependsOnPvclock(row)) {
    if (pvclock.value === true && compareReleases(release, PVCLOCK_SINCE) < 0)
      return [
        `${prefix}kvm-clock (from ${pvclock.source}) with release ${release}: only RHEL ${PVCLOCK_SINCE} and later fully support the paravirtualized clock (${SEED}), and the row for ${release} does not depend on it`,
      ];
    return [];
  }
  if (pvclock.value === undefined) return [`${prefix}kvm-clock assumed absent: ${pvclock.source}`];
  return [];
}

/**
 * Whether an entry's own kernel can have kvm-clock: a kernel that has none
 * (by its version) is decided without it, whatever the guest-wide fact says.
 */
export function entryPvclock(
  kernel: string | undefined,
  pvclock: Fact<boolean>,
): { value: boolean; warning?: string } {
  const k = kernel === undefined ? undefined : kernelKvmClock(kernel);
  if (k && !k.has) {
    const warning =
      pvclock.value === true
        ? `kvm-clock (from ${pvclock.source}) is not in kernel ${kernel}: ${k.why}, so it is decided without kvm-clock`
        : undefined;
    return warning ? { value: false, warning } : { value: false };
  }
  return { value: pvclock.value ?? false };
}
