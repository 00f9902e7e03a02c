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
  | {
      ok: true;
      value: boolean;
      source: string;
      why: string;
      /**
       * The config cannot tell: RHEL 5 (2.6.18) builds kvm-clock in without
       * an option, so its configs never name CONFIG_KVM_CLOCK or CONFIG_KVM_GUEST.
       */
      silent?: boolean;
    }
  | { ok: false; looked: string };

/** RHEL 5's 2.6.18 configs say nothing about kvm-clock either way. */
function silentConfig(version: string): boolean {
  return version.startsWith('2.6.18-');
}

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
    const answer = { ok: true as const, value: a.value, source: c.config.path, why: a.why };
    return silentConfig(version) && !a.value ? { ...answer, silent: true } : answer;
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
  const answer = {
    ok: true as const,
    value: a.value,
    source: listOf(all.map((c) => c.path)),
    why: all.length > 1 ? `${a.why} in all ${all.length} configs` : a.why,
  };
  return !a.value && all.every((c) => silentConfig(c.version))
    ? { ...answer, silent: true }
    : answer;
}

/**
 * The clocksource in use: sysfs, else the last switch the newest boot logged.
 * A RHEL 5 x86_64 kernel keeps time outside the clocksource framework, so
 * there the log's "Time: ... clocksource has been installed" line is asked
 * first (`logFirst`).
 */
export function decideClocksource(
  sysfs: ClocksourceSysfs,
  log: Pick<KernelLog, 'clocksource' | 'looked'>,
  logFirst = false,
): Fact<string> {
  const hit = log.clocksource;
  const fromLog = (): Fact<string> | undefined =>
    hit &&
    known(hit.value, hit.source, `"${hit.line}"${hit.earlierBoot ? '; an earlier boot' : ''}`);
  if (logFirst) {
    const f = fromLog();
    if (f) return f;
  }
  if (sysfs.current) return known(sysfs.current.name, sysfs.current.path);
  return (
    fromLog() ??
    unknown(
      `not found in ${listOf([...sysfs.looked.filter((l) => l.includes('current_clocksource')), ...log.looked])}`,
    )
  );
}
