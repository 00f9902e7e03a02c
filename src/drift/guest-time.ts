import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import type { ProbeResult } from './probe.js';

/**
 * One reading of the guest's clock as `date +%s.%N` printed it. `date`
 * truncates, so the guest's time lay in [seconds + fraction, seconds +
 * fraction + resolution).
 */
export interface GuestReading {
  /** Whole seconds since the epoch. */
  seconds: number;
  /** The printed fraction of a second, 0 when there was none. */
  fraction: number;
  /** 1e-9 for nine digits of %N; 1 when the guest's date has no %N. */
  resolution: number;
}

/** GNU date: digits; busybox and other glibc-strftime dates: "%N" as is; BSD-style strftime: "N"; some drop it. */
const NANO = /^(\d{1,12})\.(\d{1,9})$/;
const NO_NANO = /^(\d{1,12})\.(%N|N|)$/;

/**
 * Reads the guest's answer to GUEST_DATE_COMMAND. The last non-empty line
 * counts, so a banner from the guest's shell start-up files does not spoil it;
 * anything else is refused with the text shown (made printable), since it comes
 * from the guest.
 */
export function parseGuestTime(result: ProbeResult, guest: string): GuestReading {
  if (result.code !== 0) {
    const why = printable(result.stderr || result.stdout, 120) || 'no output';
    throw new ToolError(
      `${guest}: "date +%s.%N" failed with exit status ${result.code}: ${why} (check that the guest is reachable and has date in its PATH)`,
    );
  }
  const lines = result.stdout.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  const line = (lines[lines.length - 1] ?? '').trim();
  const nano = NANO.exec(line);
  if (nano) {
    const digits = nano[2] ?? '';
    return {
      seconds: Number(nano[1]),
      fraction: Number(digits) / 10 ** digits.length,
      resolution: 10 ** -digits.length,
    };
  }
  const whole = NO_NANO.exec(line);
  if (whole) return { seconds: Number(whole[1]), fraction: 0, resolution: 1 };
  const shown = printable(line, 80) || 'nothing';
  const hint = line.startsWith('%s')
    ? "the guest's date does not know %s"
    : 'expected seconds since the epoch, like 1700000000.123456789';
  throw new ToolError(`${guest}: "date +%s.%N" printed ${JSON.stringify(shown)}: ${hint}`);
}
