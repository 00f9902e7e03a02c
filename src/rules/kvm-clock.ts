import { parseKernelVersion } from './kernel-release.js';

/**
 * Which RHEL kernels have kvm-clock, by version (checked against the CentOS
 * 5 kernel sources, arch/x86_64/kernel/kvmclock.c and time.c): none in RHEL 3
 * and 4; in RHEL 5 from 2.6.18-164.2.1.el5, the first 5.4 update (the 5.4 GA
 * kernel 2.6.18-164.el5 has none); every RHEL 6 and 7 kernel.
 */
export const KVM_CLOCK_SINCE = '2.6.18-164.2.1.el5';
const SINCE = [164, 2, 1];

export interface KernelKvmClock {
  has: boolean;
  why: string;
}

/** -1, 0, 1 as build.updates a is before, equal to or after b. */
function compareBuilds(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Whether a RHEL kernel has kvm-clock; undefined when its version does not tell. */
export function kernelKvmClock(version: string): KernelKvmClock | undefined {
  const v = parseKernelVersion(version);
  if (!v) return undefined;
  if ((v.base === '2.4.21' || v.base === '2.6.9') && v.tag === 'EL')
    return { has: false, why: 'RHEL 3 and 4 kernels have no kvm-clock' };
  // A Xen kernel runs as a Xen guest: what it has of KVM's clock is not known here.
  if (v.base === '2.6.18' && v.tag === 'el5' && !/xen/i.test(v.flavour)) {
    return compareBuilds([v.build, ...v.updates], SINCE) >= 0
      ? { has: true, why: `RHEL 5 kernels have kvm-clock from ${KVM_CLOCK_SINCE} on` }
      : {
          has: false,
          why: `RHEL 5 kernels before ${KVM_CLOCK_SINCE} (the first 5.4 update) have no kvm-clock`,
        };
  }
  if ((v.base === '2.6.32' && v.tag === 'el6') || (v.base === '3.10.0' && v.tag === 'el7'))
    return { has: true, why: 'RHEL 6 and 7 kernels have kvm-clock' };
  return undefined;
}
