import { printable } from '../shared/text.js';
import type { DriftReport, UnjudgedCheck } from './report.js';
import type { ThresholdCheck } from './verdict.js';

/** A duration in the unit that suits it: 5.004213 s, 2.104 ms, 1.812 µs, 1 ns. */
export function formatSeconds(x: number, signed = false): string {
  const sign = signed && x >= 0 ? '+' : '';
  const a = Math.abs(x);
  if (a >= 1) return `${sign}${x.toFixed(6)} s`;
  if (a >= 1e-3) return `${sign}${(x * 1e3).toFixed(3)} ms`;
  if (a >= 1e-6) return `${sign}${(x * 1e6).toFixed(3)} µs`;
  return `${sign}${(x * 1e9).toFixed(0)} ns`;
}

function formatPpm(x: number, signed = false): string {
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return `${signed && x >= 0 ? '+' : ''}${x.toFixed(digits)} ppm`;
}

function resolutionLine(r: DriftReport): string {
  return r.wholeSeconds
    ? "  Guest clock resolution: 1 s: the guest's date has no %N, so each reading is taken at the middle of its second and its bound includes half a second"
    : `  Guest clock resolution: ${formatSeconds(r.resolution)} (date +%s.%N)`;
}

function offsetLine(r: DriftReport): string {
  const { seconds, bound } = r.offset;
  const side =
    seconds > bound
      ? 'guest ahead'
      : seconds < -bound
        ? 'guest behind'
        : 'no offset within the bound';
  return `  Offset: ${formatSeconds(seconds, true)} ± ${formatSeconds(bound)} (${side}; last sample, ${r.offset.at})`;
}

function rateLines(r: DriftReport): string[] {
  if (!r.rate) return ['  Rate: not measured: it needs at least 3 samples (a longer --duration)'];
  const { ppm, uncertaintyPpm, expandedPpm, secondsPerDay, expandedSecondsPerDay } = r.rate;
  const way = secondsPerDay >= 0 ? 'gained' : 'lost';
  const lines = [
    `  Rate: ${formatPpm(ppm, true)} ± ${formatPpm(uncertaintyPpm)} (standard uncertainty; ± ${formatPpm(expandedPpm)} at ${r.rate.coverage * 100} %)`,
    `        ${Math.abs(secondsPerDay).toFixed(3)} s/day ${way} (± ${expandedSecondsPerDay.toFixed(3)} s/day at ${r.rate.coverage * 100} %)`,
  ];
  if (r.wholeSeconds) {
    lines.push(
      '        With whole-second readings the rate is coarse: a longer --duration narrows it.',
    );
  }
  return lines;
}

function workstationLine(r: DriftReport): string[] {
  const w = r.workstation;
  const said = `${printable(w.source)}: ${printable(w.detail, 240)}`;
  if (w.synchronised === true) return [`  Workstation clock: synchronised (${said})`];
  const head =
    w.synchronised === false
      ? `  Workstation clock: NOT synchronised (${said})`
      : w.source === 'none'
        ? `  Workstation clock: ${printable(w.detail)}`
        : `  Workstation clock: sync status unknown (${said})`;
  return [
    head,
    "        The guest is measured against this workstation's clock: its own offset and drift are in these numbers.",
  ];
}

function checkLine(
  name: string,
  c: ThresholdCheck | UnjudgedCheck,
  unit: string,
  show: (x: number) => string,
): string {
  const limit = `${c.limit} ${unit}`;
  if (c.value === null) {
    return `    ${name}: limit ${limit}: undecided: no rate was measured (it needs at least 3 samples)`;
  }
  const low = Math.max(0, Math.abs(c.value) - c.margin);
  const high = Math.abs(c.value) + c.margin;
  const range = `${show(low)} to ${show(high)}`;
  const why =
    c.verdict === 'exceeds'
      ? `all of ${range} is over the limit`
      : c.verdict === 'within'
        ? `all of ${range} is within the limit`
        : `${range} straddles the limit: measure longer to decide`;
  return `    ${name}: limit ${limit}: ${c.verdict} (magnitude ${why})`;
}

/**
 * The report as prose: what was measured and how well, the workstation's own
 * sync status, and each threshold with its verdict. A guest name is shown
 * through printable(): it came from the command line, but may be pasted.
 */
export function renderDriftReport(r: DriftReport): string {
  const trip = r.roundTrip;
  const lines = [
    `Clock drift of ${printable(r.guest)} against this workstation`,
    `  ${r.sampleCount} sample${r.sampleCount === 1 ? '' : 's'} over ${r.duration.toFixed(1)} s from ${r.startedAt}, one date per round trip (median ${formatSeconds(trip.median)}, ${formatSeconds(trip.min)} to ${formatSeconds(trip.max)})`,
    resolutionLine(r),
    offsetLine(r),
    ...rateLines(r),
    ...workstationLine(r),
  ];
  const { maxOffset, maxPpm } = r.thresholds;
  if (maxOffset || maxPpm) {
    lines.push('  Thresholds (offset judged with its bound, rate with its 95 % uncertainty):');
    if (maxOffset) lines.push(checkLine('offset', maxOffset, 's', (x) => formatSeconds(x)));
    if (maxPpm) lines.push(checkLine('rate', maxPpm, 'ppm', (x) => formatPpm(x)));
    const verdict =
      r.verdict === 'undecided'
        ? 'undecided: the uncertainty straddles a limit; measure longer (--duration) to decide'
        : r.verdict === 'exceeds'
          ? 'a limit is exceeded'
          : 'all limits hold';
    lines.push(`  Verdict: ${verdict}`);
  }
  return `${lines.join('\n')}\n`;
}
