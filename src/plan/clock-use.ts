import type { DetectedFacts } from '../facts/detect/types.js';
import type { Facts } from '../facts/types.js';

/**
 * Has is not uses: a kernel with kvm-clock that keeps time with the TSC
 * drifts today, whatever the tables say it needs. Said when the clocksource
 * detection found in use is the TSC while kvm-clock is there.
 */
export function clockInUseWarnings(facts: Facts, detected: DetectedFacts | undefined): string[] {
  const cs = detected?.clocksource;
  if (facts.pvclock.value !== true || cs?.value !== 'tsc') return [];
  return [
    `the guest's kernel has kvm-clock (${facts.pvclock.source}) but keeps time with the TSC (${cs.source}${cs.note ? `: ${cs.note}` : ''}), so it drifts today: look for no-kvmclock, clocksource=tsc or clock=tsc on its kernel line (cat /proc/cmdline on the guest) and remove it`,
  ];
}
