import { EXIT_FAILURE, EXIT_OK, UsageError } from '../shared/errors.js';
import { readLocalClock, type LocalClockStatus } from './local-clock.js';
import { measureDrift, type MeasureOptions } from './measure.js';
import { buildDriftReport, type DriftReport, type Thresholds } from './report.js';

export { GUEST_DATE_COMMAND, type ClockProbe, type ProbeResult } from './probe.js';
export { sshClockProbe, type SshClockProbe } from './ssh-probe.js';
export { DEFAULT_DURATION, DEFAULT_INTERVAL, measureDrift } from './measure.js';
export type { MeasureOptions, Measurement } from './measure.js';
export { buildDriftReport, type DriftReport, type Thresholds } from './report.js';
export { renderDriftReport } from './render.js';
export { readLocalClock, type LocalClockStatus } from './local-clock.js';
export type { Verdict } from './verdict.js';

export interface DriftOptions extends MeasureOptions, Thresholds {
  /** The workstation's sync status; readLocalClock() by default. */
  localClock?: () => Promise<LocalClockStatus>;
}

function checkLimit(value: number | undefined, flag: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new UsageError(`${flag} ${value}: give a number of at least 0`);
  }
}

/**
 * Measures the guest's clock against the workstation's and reports on it.
 * The workstation's own sync status is read while the samples are taken.
 */
export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  checkLimit(options.maxOffset, '--max-offset');
  checkLimit(options.maxPpm, '--max-ppm');
  const local = (options.localClock ?? readLocalClock)();
  const measurement = await measureDrift(options);
  return buildDriftReport(measurement, await local, options);
}

/**
 * The exit status: 0 when every limit holds (or none was set), 1 when one is
 * exceeded or cannot be decided yet — "holds" is claimed only when shown.
 */
export function driftExitCode(report: DriftReport): number {
  return report.verdict === 'within' || report.verdict === 'none' ? EXIT_OK : EXIT_FAILURE;
}
