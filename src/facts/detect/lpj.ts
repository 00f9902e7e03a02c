import { known, unknown, type Fact } from '../types.js';
import type { CpuInfoResult } from './cpuinfo.js';
import { configHz, type KernelConfigs } from './kernel-config.js';
import type { KernelLog } from './kernel-log.js';
import { listOf } from '../../shared/text.js';

/** The note a derived lpj carries, word for word. */
export const LPJ_DERIVED_NOTE = 'derived from BogoMIPS x 500000 / HZ';

/** BogoMIPS = lpj x HZ / 500000 (init/calibrate.c), so lpj = BogoMIPS x 500000 / HZ. */
export function lpjFromBogomips(bogomips: number, hz: number): number {
  return Math.round((bogomips * 500000) / hz);
}

export type HzAnswer =
  { ok: true; hz: number; source: string; note?: string } | { ok: false; looked: string };

/** RHEL 4 (2.6.9) configs have no CONFIG_HZ: its HZ is fixed at 1000. */
function impliedHz(version: string): number | undefined {
  return version.startsWith('2.6.9-') ? 1000 : undefined;
}

/** CONFIG_HZ of the given kernel, else of every /boot/config-* if they agree. */
export async function kernelHz(
  configs: KernelConfigs,
  version: string | undefined,
): Promise<HzAnswer> {
  if (version !== undefined) {
    const c = await configs.get(version);
    if (!c.ok) return { ok: false, looked: c.looked };
    const hz = configHz(c.config);
    if (hz !== undefined) return { ok: true, hz, source: c.config.path };
    const implied = impliedHz(version);
    return implied === undefined
      ? { ok: false, looked: `${c.config.path} (no CONFIG_HZ)` }
      : { ok: true, hz: implied, source: `${c.config.path} (RHEL 4: no CONFIG_HZ, HZ is 1000)` };
  }
  const { configs: all, looked } = await configs.all();
  const withHz = all.flatMap((c) => {
    const hz = configHz(c);
    return hz === undefined ? [] : [{ c, hz }];
  });
  const first = withHz[0];
  if (!first)
    return {
      ok: false,
      looked: all.length ? `${listOf(all.map((c) => c.path))} (no CONFIG_HZ)` : listOf(looked),
    };
  if (withHz.some((x) => x.hz !== first.hz))
    return {
      ok: false,
      looked: `/boot configs disagree on CONFIG_HZ (${listOf(withHz.map((x) => `${x.c.version}: ${x.hz}`))})`,
    };
  return { ok: true, hz: first.hz, source: listOf(withHz.map((x) => x.c.path)) };
}

/**
 * The HZ to turn /proc/cpuinfo's BogoMIPS into lpj: that of the kernel that
 * printed them (the running one), which must also be the HZ of the kernel the
 * default entry boots, or the lpj would not fit it. An offline root's
 * /proc/cpuinfo copy is taken to be from the default entry's kernel.
 */
export async function bogomipsHz(
  configs: KernelConfigs,
  running: string | undefined,
  defaultKernel: string | undefined,
): Promise<HzAnswer> {
  const printed = await kernelHz(configs, running ?? defaultKernel);
  if (!printed.ok || running === undefined || defaultKernel === undefined) {
    if (!printed.ok || running !== undefined || defaultKernel === undefined) return printed;
    return {
      ...printed,
      note: `the BogoMIPS taken to be from the default entry's kernel ${defaultKernel}`,
    };
  }
  if (running === defaultKernel) return printed;
  const target = await kernelHz(configs, defaultKernel);
  if (!target.ok)
    return {
      ok: false,
      looked: `the running kernel ${running} printed the BogoMIPS, and the default entry's ${defaultKernel} has no known HZ (${target.looked})`,
    };
  if (target.hz !== printed.hz)
    return {
      ok: false,
      looked: `the running kernel ${running} has HZ ${printed.hz} (${printed.source}) but the default entry's ${defaultKernel} has HZ ${target.hz}, so an lpj from these BogoMIPS would not fit it`,
    };
  return {
    ...printed,
    note: `the running kernel ${running}; the default entry's ${defaultKernel} has the same HZ`,
  };
}

/**
 * loops-per-jiffy: the boot log's calibration line, else derived from
 * /proc/cpuinfo's BogoMIPS and the kernel's HZ, else unknown with how to
 * find it by hand.
 */
export function decideLpj(
  log: Pick<KernelLog, 'lpj' | 'lpjPreset' | 'looked'>,
  cpu: CpuInfoResult,
  hz: HzAnswer | undefined,
): Fact<number> {
  const hit = log.lpj;
  if (hit) {
    const notes = [`"${hit.line}"`];
    if (hit.earlierBoot)
      notes.push(`an earlier boot${hit.kernel === undefined ? '' : ` (${hit.kernel})`}`);
    return known(hit.value, hit.source, notes.join('; '));
  }
  const bogomips = cpu.ok ? cpu.info.bogomips : undefined;
  if (cpu.ok && bogomips !== undefined && hz?.ok) {
    return known(
      lpjFromBogomips(bogomips, hz.hz),
      `${cpu.info.path} bogomips ${bogomips}, ${hz.source} CONFIG_HZ=${hz.hz}`,
      hz.note ? `${LPJ_DERIVED_NOTE} (${hz.note})` : LPJ_DERIVED_NOTE,
    );
  }
  const preset = log.lpjPreset;
  const missing: string[] = [
    preset
      ? `the only lpj line in ${listOf(log.looked)} echoes a preset, not a measurement ("${preset.line}", ${preset.source}: lpj=${preset.value} was on that boot's kernel line)`
      : `no "Calibrating delay ... (lpj=N)" line in ${listOf(log.looked)}`,
  ];
  if (!cpu.ok) missing.push(`no BogoMIPS: ${cpu.looked}`);
  else if (bogomips === undefined) missing.push(`no bogomips line in ${cpu.info.path}`);
  else if (hz && !hz.ok) missing.push(`BogoMIPS ${bogomips} but no HZ: ${hz.looked}`);
  return unknown(
    `${missing.join('; ')}: give --lpj N (the lpj= of the guest's "Calibrating delay" boot line) or --no-lpj`,
  );
}
