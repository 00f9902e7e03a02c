import { describeCpu, isAmdRevisionF, ranges, type CpuInfo } from '../cpuinfo.js';
import type { ConstantTscFinding, Evidence, Needed } from '../types.js';

/** The document's own limits on its host advice, quoted where a summary needs them. */
export const REV_F_ONLY = 'the document writes it "for AMD revision F CPUs only"';

/**
 * constant_tsc over every processor. Processors that disagree make the TSC
 * unstable across the host, so 'some' is treated like 'none'.
 */
export function constantTscFinding(cpu: CpuInfo): ConstantTscFinding {
  const none = { present: null, processors: null, withoutFlag: [], cpu: null, amdRevisionF: null };
  if (!cpu.ok) {
    return {
      id: 'constant-tsc',
      status: 'unknown',
      summary:
        cpu.evidence.found === 'missing'
          ? 'cannot tell whether the CPUs have constant_tsc: no /proc/cpuinfo (an offline root has none)'
          : `cannot tell whether the CPUs have constant_tsc: /proc/cpuinfo ${
              cpu.evidence.found === 'empty'
                ? 'is empty'
                : `could not be read (${cpu.evidence.found})`
            }`,
      evidence: [cpu.evidence],
      data: none,
    };
  }
  const first = cpu.processors[0];
  const described = first ? describeCpu(first) : undefined;
  const revF = first ? isAmdRevisionF(first) : undefined;
  const evidence: Evidence[] = [];
  const flagged = cpu.processors.filter((p) => p.flags);
  if (flagged.length === 0) {
    if (described) evidence.push({ path: cpu.path, found: described });
    evidence.push({ path: cpu.path, found: 'no flags line (not an x86 CPU?)' });
    return {
      id: 'constant-tsc',
      status: 'unknown',
      summary: 'cannot tell whether the CPUs have constant_tsc: /proc/cpuinfo lists no flags',
      evidence,
      data: {
        ...none,
        processors: cpu.processors.length,
        cpu: described ?? null,
        amdRevisionF: revF ?? null,
      },
    };
  }

  const without = flagged.filter((p) => !p.flags?.has('constant_tsc')).map((p) => p.index);
  const withIt = flagged.filter((p) => p.flags?.has('constant_tsc')).map((p) => p.index);
  const n = flagged.length;
  if (withIt.length > 0)
    evidence.push({
      path: cpu.path,
      found: `constant_tsc in the flags of processors ${ranges(withIt)}`,
    });
  if (without.length > 0)
    evidence.push({
      path: cpu.path,
      found: `no constant_tsc in the flags of processors ${ranges(without)}`,
    });
  const unflagged = cpu.processors.length - n;
  if (unflagged > 0)
    evidence.push({ path: cpu.path, found: `${unflagged} processor blocks without a flags line` });
  if (cpu.truncated) evidence.push({ path: cpu.path, found: 'read only in part (very large)' });
  if (described) {
    const rev =
      revF === true ? ': AMD K8 revision F' : revF === false ? ': not an AMD revision F CPU' : '';
    evidence.push({ path: cpu.path, found: `${described}${rev}` });
  }

  const data = {
    present:
      without.length === 0
        ? ('all' as const)
        : withIt.length === 0
          ? ('none' as const)
          : ('some' as const),
    processors: n,
    withoutFlag: without,
    cpu: described ?? null,
    amdRevisionF: revF ?? null,
  };
  if (data.present === 'all') {
    return {
      id: 'constant-tsc',
      status: 'ok',
      summary: `constant_tsc is present on all ${n} processors: no C-state or cpufreq changes needed`,
      evidence,
      data,
    };
  }
  const which =
    data.present === 'none'
      ? `constant_tsc is absent on all ${n} processors`
      : `constant_tsc is on only ${withIt.length} of ${n} processors (not on ${ranges(without)}), so the host counts as without it`;
  const cpuNote =
    revF === true ? '; this CPU is one' : revF === false ? '; this CPU is not one' : '';
  return {
    id: 'constant-tsc',
    status: 'info',
    summary: `${which}, so the document's C-state and cpufreq advice applies (${REV_F_ONLY}${cpuNote})`,
    evidence,
    data,
  };
}

/** The line saying constant_tsc is on every processor: what "not needed" findings cite. */
export function tscPresentEvidence(f: ConstantTscFinding): Evidence[] {
  return f.evidence.filter((e) => e.found.startsWith('constant_tsc in the flags'));
}

/** Whether the C-state and cpufreq advice applies: yes without constant_tsc, unknown when that is unknown. */
export function adviceNeeded(f: ConstantTscFinding): Needed {
  if (f.data.present === null) return null;
  return f.data.present !== 'all';
}
