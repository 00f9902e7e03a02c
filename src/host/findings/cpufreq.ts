import { CPUSPEED, describeSetting, type Cpuspeed, type Setting } from '../cpuspeed.js';
import { AVAILABLE_GLOB, type ScalingFrequencies } from '../scaling-frequencies.js';
import type { CpufreqFinding, Evidence, Needed, RemedyStep } from '../types.js';

/** The document's words: pinning cpufreq is "only necessary on hosts without the constant_tsc". */
const ONLY_WITHOUT = 'the document: "only necessary on hosts without the constant_tsc"';
const IF_NEEDED = 'If the host has no constant_tsc: ';

function kHz(s: Setting | undefined): number | undefined {
  return s && /^\d+$/.test(s.value) ? Number(s.value) : undefined;
}

function pinRemedy(highest: number | undefined, ifNeeded: boolean): RemedyStep[] {
  const prefix = ifNeeded ? IF_NEEDED : '';
  const set: RemedyStep =
    highest === undefined
      ? {
          say: `${prefix}in ${CPUSPEED} set MIN_SPEED and MAX_SPEED to the highest value in ${AVAILABLE_GLOB}`,
        }
      : {
          say: `${prefix}in ${CPUSPEED} set both to the highest available frequency (kHz):`,
          lines: [`MIN_SPEED=${highest}`, `MAX_SPEED=${highest}`],
        };
  set.say = set.say.charAt(0).toUpperCase() + set.say.slice(1);
  return [set, { say: 'Then restart cpuspeed:', lines: ['service cpuspeed restart'] }];
}

/**
 * cpufreq changes the TSC rate on a host without constant_tsc. The document
 * pins it with cpuspeed: MIN_SPEED = MAX_SPEED = the highest frequency in
 * scaling_available_frequencies.
 */
export function cpufreqFinding(
  needed: Needed,
  tscEvidence: Evidence[],
  freqs: ScalingFrequencies,
  cpuspeed: Cpuspeed,
): CpufreqFinding {
  const highest = freqs.state === 'known' ? freqs.highest : undefined;
  const min = cpuspeed.ok ? cpuspeed.min : undefined;
  const max = cpuspeed.ok ? cpuspeed.max : undefined;
  const pinned =
    highest !== undefined && cpuspeed.ok ? kHz(min) === highest && kHz(max) === highest : null;
  const data = {
    needed,
    cpufreq:
      freqs.state === 'unreadable'
        ? null
        : freqs.state === 'inactive'
          ? ('inactive' as const)
          : ('active' as const),
    highestKHz: highest ?? null,
    minSpeed: min?.value ?? null,
    maxSpeed: max?.value ?? null,
    pinned,
  };
  if (needed === false) {
    return {
      id: 'cpufreq',
      status: 'ok',
      summary: `not needed: the host has constant_tsc (${ONLY_WITHOUT})`,
      evidence: tscEvidence,
      data,
    };
  }

  const evidence: Evidence[] = [...freqs.evidence];
  evidence.push(
    cpuspeed.ok
      ? {
          path: cpuspeed.path,
          found: `${describeSetting('MIN_SPEED', min)}; ${describeSetting('MAX_SPEED', max)}`,
        }
      : cpuspeed.evidence,
  );
  const why = needed
    ? ONLY_WITHOUT
    : 'needed only if the host lacks constant_tsc, which could not be told';
  const base = { id: 'cpufreq' as const, evidence, data };

  if (freqs.state === 'inactive') {
    return {
      ...base,
      status: 'ok',
      summary: 'cpufreq is not active (no cpu has a cpufreq directory): nothing to pin',
    };
  }
  if (highest === undefined) {
    const reason =
      freqs.state === 'unreadable'
        ? `no ${AVAILABLE_GLOB} to read`
        : 'cpufreq lists no available frequencies (scaling_available_frequencies missing or empty)';
    const same =
      kHz(min) !== undefined && kHz(min) === kHz(max)
        ? `; ${CPUSPEED} sets both to ${kHz(min)} kHz`
        : '';
    return {
      ...base,
      status: 'unknown',
      summary: `cannot tell whether cpufreq is pinned to the highest frequency: ${reason}${same} (${why})`,
      ...(freqs.state === 'unreadable' && same === ''
        ? { remedy: pinRemedy(undefined, !needed) }
        : {}),
    };
  }
  if (!cpuspeed.ok) {
    return {
      ...base,
      status: 'unknown',
      summary: `cannot tell whether cpufreq is pinned: no ${CPUSPEED} to read; the highest available frequency is ${highest} kHz (${why})`,
      remedy: pinRemedy(highest, !needed),
    };
  }
  if (pinned) {
    return {
      ...base,
      status: 'ok',
      summary: `cpufreq is pinned: MIN_SPEED and MAX_SPEED are both ${highest} kHz, the highest available`,
    };
  }
  return {
    ...base,
    status: needed ? 'action' : 'unknown',
    summary: `cpufreq is not pinned: MIN_SPEED and MAX_SPEED in ${CPUSPEED} must both be ${highest} kHz, the highest available (${why})`,
    remedy: pinRemedy(highest, !needed),
  };
}
