import { argName } from '../shared/cmdline.js';
import { displayText } from '../shared/bytes.js';
import type { Fact } from '../facts/types.js';
import type { KernelLog } from '../facts/detect/kernel-log.js';
import type { ClocksourceSysfs } from '../facts/detect/pvclock.js';
import type { CheckFinding, Evidence } from './types.js';

/** Names of one clock: RHEL 4 calls the ACPI PM timer pmtmr, later kernels acpi_pm. */
const SAME: Record<string, string[]> = {
  acpi_pm: ['acpi_pm', 'pmtmr'],
  pmtmr: ['pmtmr', 'acpi_pm'],
};

function names(value: string): string[] {
  return SAME[value] ?? [value];
}

/** One thing the parameters ask of the clock in use. */
export interface ClockRule {
  holds: (clock: string) => boolean;
  /** "clocksource=acpi_pm asks for acpi_pm". */
  says: string;
}

function lastValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const a of args) if (argName(a) === name) value = a.slice(name.length + 1);
  return value;
}

/**
 * What the parameters select (the last of a name wins, as the kernel reads
 * them): clocksource=X or clock=X that clock (acpi_pm and pmtmr alike),
 * notsc anything but tsc, no-kvmclock anything but kvm-clock; with none of
 * these, kvm-clock when the kernel has it and the host offers it.
 */
export function clockRules(args: readonly string[], pvclock: Fact<boolean>): ClockRule[] {
  const rules: ClockRule[] = [];
  const chosen = lastValue(args, 'clocksource') ?? lastValue(args, 'clock');
  if (chosen !== undefined && chosen !== '') {
    const by = args.some((a) => argName(a) === 'clocksource') ? 'clocksource' : 'clock';
    rules.push({
      holds: (c) => names(chosen).includes(c),
      says: `${by}=${displayText(chosen)} asks for ${names(chosen).join(' (or ')}${names(chosen).length > 1 ? ')' : ''}`,
    });
  }
  if (args.includes('notsc'))
    rules.push({ holds: (c) => c !== 'tsc', says: 'notsc asks for a clock other than tsc' });
  if (args.includes('no-kvmclock'))
    rules.push({
      holds: (c) => c !== 'kvm-clock',
      says: 'no-kvmclock asks for a clock other than kvm-clock',
    });
  const selects = ['clocksource', 'clock', 'notsc', 'no-kvmclock'];
  if (!args.some((a) => selects.includes(argName(a))) && pvclock.value === true)
    rules.push({
      holds: (c) => c === 'kvm-clock',
      says: `the kernel has kvm-clock and the host offers it (${pvclock.source}), so it should be in use`,
    });
  return rules;
}

/** The clock in use now, and where that was read; only this boot's word counts. */
export function currentClock(
  sysfs: ClocksourceSysfs,
  log: KernelLog,
  running: string | undefined,
  logFirst: boolean,
): { ok: true; name: string; evidence: Evidence } | { ok: false; why: string } {
  const hit = log.clocksource;
  const thisBoot =
    hit &&
    !hit.earlierBoot &&
    (hit.kernel === undefined || running === undefined || hit.kernel === running);
  const fromLog =
    hit && thisBoot
      ? {
          ok: true as const,
          name: hit.value,
          evidence: { source: hit.source, found: `"${hit.line}"` },
        }
      : undefined;
  if (logFirst && fromLog) return fromLog;
  if (sysfs.current)
    return {
      ok: true,
      name: sysfs.current.name,
      evidence: { source: sysfs.current.path, found: sysfs.current.name },
    };
  if (fromLog) return fromLog;
  if (hit)
    return {
      ok: false,
      why: `only an earlier boot (${hit.kernel ?? 'another kernel'}) logged its clocksource, in ${hit.source}`,
    };
  return {
    ok: false,
    why: `no current_clocksource in sysfs and no clocksource line in ${log.looked.join(', ') || 'the kernel log'}`,
  };
}

export function clocksourceFinding(
  rules: ClockRule[],
  rulesFrom: string,
  current: ReturnType<typeof currentClock>,
): CheckFinding {
  const evidence: Evidence[] = current.ok ? [current.evidence] : [];
  const asked = rules.map((r) => r.says);
  if (asked.length) evidence.push({ source: rulesFrom, found: asked.join('; ') });
  const data = { current: current.ok ? current.name : null, asked };
  if (rules.length === 0)
    return {
      id: 'clocksource',
      status: 'ok',
      summary: `no parameter selects a clock and kvm-clock is not expected: nothing to check${current.ok ? ` (${current.name} is in use)` : ''}`,
      evidence,
      data,
    };
  if (!current.ok)
    return {
      id: 'clocksource',
      status: 'unknown',
      summary: `the clock in use could not be told: ${current.why}`,
      evidence,
      data,
    };
  const broken = rules.filter((r) => !r.holds(current.name));
  if (broken.length === 0)
    return {
      id: 'clocksource',
      status: 'ok',
      summary: `${current.name} is in use, as the parameters ask`,
      evidence,
      data,
    };
  return {
    id: 'clocksource',
    status: 'fail',
    summary: `${current.name} is in use, but ${broken.map((r) => r.says).join('; ')}: the kernel did not take the parameter (an unknown or misspelt value, or a clock the host does not give this guest)`,
    evidence,
    data,
  };
}
