import { describeFailure, type RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';
import { configKvmClock, type KernelConfigs } from './kernel-config.js';
import type { KernelLog } from './kernel-log.js';
import { firstLine, listOf } from '../../shared/text.js';

const SYSFS_DIR = '/sys/devices/system/clocksource/clocksource0';
const SYSFS_MAX = 1024;

export interface ClocksourceSysfs {
  /** Clocksources the running kernel offers, when the file could be read. */
  available?: { path: string; names: string[] };
  current?: { path: string; name: string };
  looked: string[];
}

export async function readClocksourceSysfs(fs: RootFs): Promise<ClocksourceSysfs> {
  const out: ClocksourceSysfs = { looked: [] };
  const [avail, cur] = await Promise.all([
    fs.readText(`${SYSFS_DIR}/available_clocksource`, { max: SYSFS_MAX }),
    fs.readText(`${SYSFS_DIR}/current_clocksource`, { max: SYSFS_MAX }),
  ]);
  if (!avail.ok) out.looked.push(describeFailure(avail));
  else {
    const names = avail.text.trim().split(/\s+/).filter(Boolean);
    if (names.length > 0) out.available = { path: avail.path, names };
    else out.looked.push(`${avail.path} (empty)`);
  }
  if (!cur.ok) out.looked.push(describeFailure(cur));
  else {
    const name = firstLine(cur.text);
    if (name !== undefined && /^[\w.-]+$/.test(name)) out.current = { path: cur.path, name };
    else out.looked.push(`${cur.path} (${name === undefined ? 'empty' : 'unrecognised'})`);
  }
  return out;
}

export type ConfigAnswer =
  { ok: true; value: boolean; source: string; why: string } | { ok: false; looked: string };

/**
 * kvm-clock from the kernel config: the given kernel's when a version is
 * known, else every /boot/config-* if they all agree.
 */
export async function pvclockFromConfig(
  configs: KernelConfigs,
  version: string | undefined,
): Promise<ConfigAnswer> {
  if (version !== undefined) {
    const c = await configs.get(version);
    if (!c.ok) return { ok: false, looked: c.looked };
    const a = configKvmClock(c.config);
    return { ok: true, value: a.value, source: c.config.path, why: a.why };
  }
  const { configs: all, looked } = await configs.all();
  const first = all[0];
  if (!first) return { ok: false, looked: listOf(looked) };
  const answers = all.map((c) => ({ c, a: configKvmClock(c) }));
  if (answers.some((x) => x.a.value !== configKvmClock(first).value)) {
    const yes = answers.filter((x) => x.a.value).map((x) => x.c.version);
    return {
      ok: false,
      looked: `/boot configs disagree (kvm-clock in ${listOf(yes)} only; which kernel boots is not known)`,
    };
  }
  const a = configKvmClock(first);
  return {
    ok: true,
    value: a.value,
    source: listOf(all.map((c) => c.path)),
    why: all.length > 1 ? `${a.why} in all ${all.length} configs` : a.why,
  };
}

export interface PvclockEvidence {
  sysfs: ClocksourceSysfs;
  /** `uname -r` when the root is the running system: the kernel sysfs describes. */
  runningKernel?: string;
  log: Pick<KernelLog, 'kvmClock' | 'looked'>;
  config: ConfigAnswer;
  /** The kernel the default grub entry boots, the one the answer is for. */
  defaultKernelVersion?: string;
}

/**
 * Whether the guest kernel has kvm-clock. sysfs and the log describe the
 * kernel that ran; when that is known to differ from the default entry's
 * kernel and that kernel's config answers, the config wins.
 */
export function decidePvclock(e: PvclockEvidence): Fact<boolean> {
  const want = e.defaultKernelVersion;
  const other = (ran: string | undefined): boolean =>
    want !== undefined && ran !== undefined && ran !== want;
  const configFact = (why: string): Fact<boolean> | undefined =>
    e.config.ok ? known(e.config.value, e.config.source, `${e.config.why}; ${why}`) : undefined;

  const avail = e.sysfs.available;
  if (avail) {
    const value = avail.names.includes('kvm-clock');
    if (other(e.runningKernel)) {
      const c = configFact(
        `the running kernel ${e.runningKernel} is not the default entry's ${want}`,
      );
      if (c) return c;
    }
    return known(value, avail.path, `available: ${avail.names.join(' ')}`);
  }
  const hit = e.log.kvmClock;
  if (hit) {
    if (other(hit.kernel)) {
      const c = configFact(
        `the log's kvm-clock line is from ${hit.kernel}, not the default entry's ${want}`,
      );
      if (c) return c;
    }
    const notes = [`"${hit.line}"`];
    if (hit.kernel !== undefined) notes.push(`booted ${hit.kernel}`);
    if (hit.earlierBoot) notes.push('an earlier boot');
    return known(true, hit.source, notes.join('; '));
  }
  if (e.config.ok) return known(e.config.value, e.config.source, e.config.why);
  const looked = [
    ...e.sysfs.looked.filter((l) => l.includes('available_clocksource')),
    ...e.log.looked,
    e.config.looked,
  ];
  return unknown(`no kvm-clock in ${listOf(looked)}: give --pvclock or --no-pvclock`);
}

/** The clocksource in use: sysfs, else the last switch the newest boot logged. */
export function decideClocksource(
  sysfs: ClocksourceSysfs,
  log: Pick<KernelLog, 'clocksource' | 'looked'>,
): Fact<string> {
  if (sysfs.current) return known(sysfs.current.name, sysfs.current.path);
  const hit = log.clocksource;
  if (hit)
    return known(
      hit.value,
      hit.source,
      `"${hit.line}"${hit.earlierBoot ? '; an earlier boot' : ''}`,
    );
  return unknown(
    `not found in ${listOf([...sysfs.looked.filter((l) => l.includes('current_clocksource')), ...log.looked])}`,
  );
}
