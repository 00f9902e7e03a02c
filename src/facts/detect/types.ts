import type { Fact } from '../types.js';

/**
 * A distribution family. The RHEL ones (rhel and its rebuilds) carry a RHEL
 * release; the others are named so the report can say what the guest is
 * instead of reading their version as a RHEL release.
 */
export type Family = string;

/** The family names detection gives; os-release IDs not in this list pass through as they are. */
export const KNOWN_FAMILIES = [
  'rhel',
  'centos',
  'scientific',
  'oracle',
  'rocky',
  'alma',
  'fedora',
  'redhat-linux',
  'amazon',
  'debian',
  'ubuntu',
  'suse',
] as const;

/** RHEL and the rebuilds that share its release numbers. */
export const RHEL_FAMILIES: ReadonlySet<string> = new Set([
  'rhel',
  'centos',
  'scientific',
  'oracle',
  'rocky',
  'alma',
]);

export function isRhelFamily(family: string | undefined): boolean {
  return family !== undefined && RHEL_FAMILIES.has(family);
}

/** Hypervisors told apart by DMI strings or the kernel log; 'other' keeps the raw text in the note. */
export type HypervisorKind = 'kvm' | 'vmware' | 'hyperv' | 'xen' | 'virtualbox' | 'other';

export type NtpDaemon = 'ntpd' | 'chronyd';

export interface NtpStatus {
  /** The daemon found: the one enabled at boot if any, else the one installed (ntpd first). */
  daemon: NtpDaemon | undefined;
  installed: boolean;
  /** Started at boot by a chkconfig (S??ntpd in rc3/rc5) or systemd (multi-user.target.wants) link. */
  enabled: boolean;
}

export interface DetectedFacts {
  /** The guest root, absolute. */
  root: string;
  /** RHEL release "X.Y", only for the RHEL families. */
  release: Fact<string>;
  family: Fact<Family>;
  /** The release line as the guest writes it ("CentOS release 5.3 (Final)", PRETTY_NAME). */
  distro: Fact<string>;
  /** The distribution's own version, for any family (Debian "12", SLES "10.2"). */
  version: Fact<string>;
  /** 'x86_64', 'x86', or another machine's name ('aarch64', 'ppc64', ...). */
  arch: Fact<string>;
  /** The guest kernel has kvm-clock. */
  pvclock: Fact<boolean>;
  /** The clocksource the kernel uses now (or used last boot). */
  clocksource: Fact<string>;
  lpj: Fact<number>;
  constantTsc: Fact<boolean>;
  /** The `hypervisor` cpu flag (kernels before 2.6.2x never show it). */
  hypervisorFlag: Fact<boolean>;
  hypervisor: Fact<HypervisorKind>;
  ntp: Fact<NtpStatus>;
}

export interface DetectOptions {
  /** Version of the kernel the default grub entry boots, e.g. "2.6.18-164.el5". */
  defaultKernelVersion?: string;
}
