import { kernelKvmClock } from '../../rules/kvm-clock.js';
import { listOf } from '../../shared/text.js';
import { known, unknown, type Fact } from '../types.js';
import type { KernelLog, LogHit } from './kernel-log.js';
import type { ClocksourceSysfs, ConfigAnswer } from './pvclock.js';

export interface PvclockEvidence {
  sysfs: ClocksourceSysfs;
  /** `uname -r` when the source is the running system: the kernel sysfs describes. */
  runningKernel?: string;
  log: Pick<KernelLog, 'kvmClock' | 'clocksource' | 'looked'>;
  config: ConfigAnswer;
  /** The kernel the default grub entry boots, the one the answer is for. */
  defaultKernelVersion?: string;
  /** The guest's architecture, when known ('x86_64', 'x86'). */
  arch?: string;
}

/** RHEL 5 x86_64 kernels never register kvm-clock in sysfs (only the 32-bit code does). */
export function sysfsSilent(kernel: string | undefined, arch: string | undefined): boolean {
  return kernel?.startsWith('2.6.18-') === true && arch === 'x86_64';
}

/** What the newest boot in the log says about kvm-clock: used it (a kvm-clock line), or ran on another clock. */
function lastBoot(
  log: PvclockEvidence['log'],
): { used: true; hit: LogHit<true> } | { used: false; hit: LogHit<string> } | undefined {
  const k = log.kvmClock;
  const c = log.clocksource;
  if (k && (!c || (k.rank ?? 0) <= (c.rank ?? 0) || c.value === 'kvm-clock'))
    return { used: true, hit: k };
  if (c && c.value === 'kvm-clock') return undefined;
  if (c) return { used: false, hit: c };
  return undefined;
}

function bootNotes(hit: LogHit<unknown>): string[] {
  const notes = [`"${hit.line}"`];
  if (hit.kernel !== undefined) notes.push(`booted ${hit.kernel}`);
  if (hit.earlierBoot) notes.push('an earlier boot');
  return notes;
}

/**
 * Whether the guest kernel has kvm-clock, and the host gives it. In order:
 * a default kernel whose version has none; sysfs listing kvm-clock; the
 * newest boot in the log (a kvm-clock line, or another clock installed and
 * no kvm-clock line); sysfs without it (not on RHEL 5 x86_64, which never
 * lists it); the kernel config (not RHEL 5's, which never names it); the
 * kernel version. sysfs and the log describe the kernel that ran: when that
 * is known to differ from the default entry's kernel, that kernel's config
 * or version wins.
 */
export function decidePvclock(e: PvclockEvidence): Fact<boolean> {
  const want = e.defaultKernelVersion;
  const byVersion = want === undefined ? undefined : kernelKvmClock(want);
  if (byVersion && !byVersion.has) return known(false, `kernel version ${want}`, byVersion.why);
  const other = (ran: string | undefined): boolean =>
    want !== undefined && ran !== undefined && ran !== want;
  const config = e.config.ok && !e.config.silent ? e.config : undefined;
  const fromDefault = (why: string): Fact<boolean> | undefined => {
    if (config) return known(config.value, config.source, `${config.why}; ${why}`);
    if (byVersion) return known(true, `kernel version ${want}`, `${byVersion.why}; ${why}`);
    return undefined;
  };

  const avail = e.sysfs.available;
  if (avail?.names.includes('kvm-clock')) {
    const c = other(e.runningKernel)
      ? fromDefault(`the running kernel ${e.runningKernel} is not the default entry's ${want}`)
      : undefined;
    return c ?? known(true, avail.path, `available: ${avail.names.join(' ')}`);
  }
  const boot = lastBoot(e.log);
  if (boot) {
    const c = other(boot.hit.kernel)
      ? fromDefault(
          `the log's clock lines are from ${boot.hit.kernel}, not the default entry's ${want}`,
        )
      : undefined;
    if (c) return c;
    if (boot.used) return known(true, boot.hit.source, bootNotes(boot.hit).join('; '));
    const has = byVersion?.has
      ? `; kernel ${want} has kvm-clock (${byVersion.why}), so no-kvmclock or a clock= argument kept it off, or the host does not offer it`
      : '';
    return known(
      false,
      boot.hit.source,
      `${bootNotes(boot.hit).join('; ')}: that boot used ${boot.hit.value}, not kvm-clock${has}`,
    );
  }
  if (avail && !sysfsSilent(e.runningKernel ?? want, e.arch)) {
    const c = other(e.runningKernel)
      ? fromDefault(`the running kernel ${e.runningKernel} is not the default entry's ${want}`)
      : undefined;
    return c ?? known(false, avail.path, `available: ${avail.names.join(' ')}`);
  }
  if (config) return known(config.value, config.source, config.why);
  if (byVersion)
    return known(
      true,
      `kernel version ${want}`,
      `${byVersion.why}; no sysfs file or log line tells whether the host offers it`,
    );
  const looked = [
    ...e.sysfs.looked.filter((l) => l.includes('available_clocksource')),
    ...e.log.looked,
    e.config.ok ? `${e.config.source} (${e.config.why})` : e.config.looked,
  ];
  return unknown(`no kvm-clock in ${listOf(looked)}: give --pvclock or --no-pvclock`);
}
