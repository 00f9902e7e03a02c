import type { RootFs } from '../shared/rootfs.js';
import { looked, printable } from './evidence.js';
import { ranges } from './cpuinfo.js';
import type { Evidence } from './types.js';

const CPU_DIR = '/sys/devices/system/cpu';
/** The glob the document names; evidence uses it when speaking of all cpus at once. */
export const AVAILABLE_GLOB = `${CPU_DIR}/cpu*/cpufreq/scaling_available_frequencies`;
const LIST_MAX = 64 * 1024;

/**
 * - `unreadable`: no /sys to look at (an offline root, or /sys not mounted).
 * - `inactive`: no cpu has a cpufreq directory: no frequency scaling, nothing to pin.
 * - `no-list`: cpufreq is there but lists no frequencies (drivers such as
 *   intel_pstate do not), so there is no "highest available" to pin to.
 * - `known`: the highest value over every cpu's list, in kHz.
 */
export type ScalingFrequencies =
  | { state: 'unreadable' | 'inactive' | 'no-list'; evidence: Evidence[] }
  | { state: 'known'; highest: number; evidence: Evidence[] };

/** The kHz values of a scaling_available_frequencies file; anything else in it is ignored. */
export function parseFrequencies(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((w) => /^\d+$/.test(w) && Number(w) > 0)
    .map(Number);
}

interface CpuList {
  cpu: number;
  path: string;
  text: string;
  highest: number;
}

/** Every cpu's scaling_available_frequencies under <root>/sys/devices/system/cpu. */
export async function readScalingFrequencies(fs: RootFs): Promise<ScalingFrequencies> {
  const dir = await fs.list(CPU_DIR);
  if (!dir.ok) return { state: 'unreadable', evidence: [looked(dir)] };
  const cpus = dir.names
    .map((n) => /^cpu(\d+)$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  if (cpus.length === 0) {
    return { state: 'unreadable', evidence: [{ path: dir.path, found: 'no cpuN directories' }] };
  }

  const withCpufreq: number[] = [];
  const lists: CpuList[] = [];
  const problems: Evidence[] = [];
  await Promise.all(
    cpus.map(async (cpu) => {
      if (!(await fs.exists(`${CPU_DIR}/cpu${cpu}/cpufreq`, false))) return;
      withCpufreq.push(cpu);
      const r = await fs.readText(`${CPU_DIR}/cpu${cpu}/cpufreq/scaling_available_frequencies`, {
        max: LIST_MAX,
        encoding: 'latin1',
      });
      if (!r.ok) {
        problems.push(looked(r));
        return;
      }
      const values = parseFrequencies(r.text);
      if (values.length === 0) {
        problems.push({ path: r.path, found: `no frequencies in "${printable(r.text, 80)}"` });
        return;
      }
      lists.push({ cpu, path: r.path, text: values.join(' '), highest: Math.max(...values) });
    }),
  );

  if (withCpufreq.length === 0) {
    return {
      state: 'inactive',
      evidence: [
        {
          path: fs.hostPath(`${CPU_DIR}/cpu*/cpufreq`),
          found: `missing for all ${cpus.length} cpus (${ranges(cpus)})`,
        },
      ],
    };
  }

  // One evidence line per distinct list, not per cpu: a 64-cpu host usually has one.
  lists.sort((a, b) => a.cpu - b.cpu);
  const groups = new Map<string, CpuList[]>();
  for (const l of lists) groups.set(l.text, [...(groups.get(l.text) ?? []), l]);
  const evidence: Evidence[] = [];
  for (const [text, members] of groups) {
    const first = members[0] as CpuList;
    const others = members.slice(1).map((m) => m.cpu);
    const same =
      others.length > 0
        ? `; the same on ${others.length === 1 ? 'cpu' : 'cpus'} ${ranges(others)}`
        : '';
    evidence.push({ path: first.path, found: `${text} (highest ${first.highest} kHz${same})` });
  }
  problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  evidence.push(...problems);

  if (lists.length === 0) {
    const driver = await fs.readText(
      `${CPU_DIR}/cpu${withCpufreq.sort((a, b) => a - b)[0]}/cpufreq/scaling_driver`,
      { max: 256, encoding: 'latin1' },
    );
    if (driver.ok) evidence.push({ path: driver.path, found: printable(driver.text) });
    return { state: 'no-list', evidence };
  }
  return { state: 'known', highest: Math.max(...lists.map((l) => l.highest)), evidence };
}
