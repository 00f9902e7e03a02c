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

export type HzAnswer = { ok: true; hz: number; source: string } | { ok: false; looked: string };

/** CONFIG_HZ of the given kernel, else of every /boot/config-* if they agree. */
export async function kernelHz(
  configs: KernelConfigs,
  version: string | undefined,
): Promise<HzAnswer> {
  if (version !== undefined) {
    const c = await configs.get(version);
    if (!c.ok) return { ok: false, looked: c.looked };
    const hz = configHz(c.config);
    return hz === undefined
      ? { ok: false, looked: `${c.config.path} (no CONFIG_HZ)` }
      : { ok: true, hz, source: c.config.path };
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
 * loops-per-jiffy: the boot log's calibration line, else derived from
 * /proc/cpuinfo's BogoMIPS and the kernel's HZ, else unknown with how to
 * find it by hand.
 */
export function decideLpj(
  log: Pick<KernelLog, 'lpj' | 'looked'>,
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
      LPJ_DERIVED_NOTE,
    );
  }
  const missing: string[] = [`no "Calibrating delay ... (lpj=N)" line in ${listOf(log.looked)}`];
  if (!cpu.ok) missing.push(`no BogoMIPS: ${cpu.looked}`);
  else if (bogomips === undefined) missing.push(`no bogomips line in ${cpu.info.path}`);
  else if (hz && !hz.ok) missing.push(`BogoMIPS ${bogomips} but no HZ: ${hz.looked}`);
  return unknown(
    `${missing.join('; ')}: give --lpj N (the lpj= of the guest's "Calibrating delay" boot line) or --no-lpj`,
  );
}
