/**
 * Arguments that keep a kernel which has kvm-clock off it: with one of them
 * on its line the guest keeps time with the TSC and drifts, although the
 * tables say a guest with kvm-clock needs nothing (timekeeping-rules.md,
 * "Has versus uses").
 */
export const KVM_CLOCK_DEFEATERS: readonly { arg: string; reason: string }[] = [
  { arg: 'no-kvmclock', reason: 'it turns kvm-clock off' },
  { arg: 'clocksource=tsc', reason: 'it makes the kernel use the TSC instead of kvm-clock' },
  { arg: 'clock=tsc', reason: 'it makes the kernel use the TSC instead of kvm-clock' },
];

/** Why `arg` keeps the kernel off kvm-clock, or undefined. */
export function defeatsKvmClock(arg: string): string | undefined {
  return KVM_CLOCK_DEFEATERS.find((d) => d.arg === arg)?.reason;
}
