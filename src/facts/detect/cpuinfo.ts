import { describeFailure, type RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';

/** The first processor's block is all that is used; on a 256-CPU guest the file runs to ~400 KiB. */
const CPUINFO_MAX = 32 * 1024;

export interface CpuInfo {
  /** Host path of /proc/cpuinfo. */
  path: string;
  /** The first processor's flags, when the file lists them. */
  flags?: ReadonlySet<string>;
  /** The first processor's BogoMIPS. */
  bogomips?: number;
}

export type CpuInfoResult = { ok: true; info: CpuInfo } | { ok: false; looked: string };

export function parseCpuInfo(text: string, path: string): CpuInfo {
  const info: CpuInfo = { path };
  const flags = /^flags\s*:(.*)$/m.exec(text);
  if (flags) info.flags = new Set((flags[1] as string).trim().split(/\s+/).filter(Boolean));
  // "bogomips" on x86, "BogoMIPS" on arm64, "bogomips per cpu" on s390.
  const bogo = /^bogomips(?: per cpu)?\s*:\s*(\d+(?:\.\d+)?)\s*$/im.exec(text);
  if (bogo) {
    const n = Number(bogo[1]);
    if (n > 0) info.bogomips = n;
  }
  return info;
}

/** /proc/cpuinfo; an offline disk has an empty /proc, which is reported, not thrown. */
export async function readCpuInfo(fs: RootFs): Promise<CpuInfoResult> {
  const r = await fs.readText('/proc/cpuinfo', { max: CPUINFO_MAX });
  if (!r.ok) return { ok: false, looked: describeFailure(r) };
  if (r.text.trim() === '') return { ok: false, looked: `${r.path} (empty)` };
  return { ok: true, info: parseCpuInfo(r.text, r.path) };
}

/** Whether a cpu flag is set, or unknown when there is no flags line to say. */
export function cpuFlag(cpu: CpuInfoResult, flag: string): Fact<boolean> {
  if (!cpu.ok) return unknown(`no ${flag} flag: ${cpu.looked}`);
  if (!cpu.info.flags) return unknown(`no flags line in ${cpu.info.path}`);
  return known(cpu.info.flags.has(flag), cpu.info.path);
}

export function hypervisorFlagFact(cpu: CpuInfoResult): Fact<boolean> {
  const f = cpuFlag(cpu, 'hypervisor');
  // 2.6.18 (RHEL 5) and older do not name this cpuid bit, so "no" there proves nothing.
  return f.value === false ? { ...f, note: 'kernels before 2.6.2x never list this flag' } : f;
}
