import { parseProcessors, type Processor } from '../facts/detect/cpuinfo.js';
import type { RootFs } from '../shared/rootfs.js';

export type { Processor };

/** Every processor of the host's /proc/cpuinfo, or why it could not be read. */
export type CpuInfo =
  | { ok: true; path: string; processors: Processor[]; truncated: boolean }
  | { ok: false; evidence: Evidence };
import { looked } from './evidence.js';
import type { Evidence } from './types.js';

/** A 1024-cpu host writes about 1.6 MiB; every processor's flags matter here, so read it all. */
const CPUINFO_MAX = 8 * 1024 * 1024;

/** <root>/proc/cpuinfo, every processor. An offline root has no /proc: that is reported, not thrown. */
export async function readCpuInfo(fs: RootFs): Promise<CpuInfo> {
  const r = await fs.readText('/proc/cpuinfo', { max: CPUINFO_MAX, encoding: 'latin1' });
  if (!r.ok) return { ok: false, evidence: looked(r) };
  const processors = parseProcessors(r.text);
  if (processors.length === 0) return { ok: false, evidence: { path: r.path, found: 'empty' } };
  return { ok: true, path: r.path, processors, truncated: r.truncated };
}

/** "AuthenticAMD family 15 model 65 (Dual-Core AMD Opteron(tm) Processor 2218)". */
export function describeCpu(p: Processor): string | undefined {
  const parts: string[] = [];
  if (p.vendor) parts.push(p.vendor);
  if (p.family !== undefined) parts.push(`family ${p.family}`);
  if (p.model !== undefined) parts.push(`model ${p.model}`);
  if (p.modelName) parts.push(parts.length > 0 ? `(${p.modelName})` : p.modelName);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/**
 * AMD K8 revision F: family 0Fh with extended model 4, 5 or C (CPUID
 * 0x40F.., 0x50F.., 0xC0F..), per AMD's revision guide for NPT family 0Fh;
 * 6 and 7 are revision G. Undefined when the fields are not there to tell.
 */
export function isAmdRevisionF(p: Processor): boolean | undefined {
  if (p.vendor === undefined || p.family === undefined) return undefined;
  if (p.vendor !== 'AuthenticAMD' || p.family !== 15) return false;
  if (p.model === undefined) return undefined;
  return [4, 5, 12].includes(p.model >> 4);
}

/** "0-3, 6": processor numbers as lscpu writes them. */
export function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
