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

/** One processor's block of /proc/cpuinfo: the fields the guest detection and the host check use. */
export interface Processor {
  /** The `processor` field, or the block's position when the field is absent. */
  index: number;
  /** Undefined when the block has no `flags` line (not x86). */
  flags?: ReadonlySet<string>;
  vendor?: string;
  family?: number;
  model?: number;
  modelName?: string;
  bogomips?: number;
}

function integer(s: string | undefined): number | undefined {
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
}

/** "bogomips" on x86, "BogoMIPS" on arm64, "bogomips per cpu" on s390 (in the header block). */
const BOGOMIPS_KEY = /^bogomips(?: per cpu)?$/i;

function bogomipsOf(fields: ReadonlyMap<string, string>): number | undefined {
  for (const [key, value] of fields) {
    if (!BOGOMIPS_KEY.test(key)) continue;
    const n = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : 0;
    return n > 0 ? n : undefined;
  }
  return undefined;
}

/**
 * The one parser of /proc/cpuinfo: one block per processor, separated by
 * blank lines, `key<TAB>: value` lines (the first of a repeated key counts).
 */
export function parseProcessors(text: string): Processor[] {
  const processors: Processor[] = [];
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split(/\r?\n/)) {
      const m = /^([^:]*?)\s*:\s?(.*)$/.exec(line);
      if (m && m[1] !== '' && !fields.has(m[1] as string))
        fields.set(m[1] as string, (m[2] as string).trim());
    }
    if (fields.size === 0) continue;
    const p: Processor = { index: integer(fields.get('processor')) ?? processors.length };
    const flags = fields.get('flags');
    if (flags !== undefined) p.flags = new Set(flags.split(/\s+/).filter(Boolean));
    const vendor = fields.get('vendor_id');
    if (vendor) p.vendor = vendor;
    const family = integer(fields.get('cpu family'));
    if (family !== undefined) p.family = family;
    const model = integer(fields.get('model'));
    if (model !== undefined) p.model = model;
    const name = fields.get('model name');
    if (name) p.modelName = name.replace(/\s+/g, ' ');
    const bogomips = bogomipsOf(fields);
    if (bogomips !== undefined) p.bogomips = bogomips;
    processors.push(p);
  }
  return processors;
}

/** What the guest detection uses: the first processor's flags and BogoMIPS. */
export function parseCpuInfo(text: string, path: string): CpuInfo {
  const info: CpuInfo = { path };
  const processors = parseProcessors(text);
  const flags = processors.find((p) => p.flags)?.flags;
  if (flags) info.flags = flags;
  const bogomips = processors.find((p) => p.bogomips !== undefined)?.bogomips;
  if (bogomips !== undefined) info.bogomips = bogomips;
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
