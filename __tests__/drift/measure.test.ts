import { UsageError } from '../../src/shared/errors.js';
import { driftExitCode, runDrift } from '../../src/drift/index.js';
import { measureDrift } from '../../src/drift/measure.js';
import type { Sample } from '../../src/drift/sample.js';
import { localProbe } from './helpers/fake-clock.js';

// The guest here is this machine itself, through a real shell: its clock is
// the workstation's, so every offset must be 0 within its bound.
const self = localProbe(process.env);
const SYNCED = async () => ({ synchronised: true, source: 'test', detail: 'given' });

describe('measureDrift', () => {
  it('brackets each date: this machine against itself is 0 within every bound', async () => {
    const seen: number[] = [];
    const m = await measureDrift({
      probe: self,
      guest: 'self',
      duration: 0.4,
      interval: 0.1,
      onSample: (_s: Sample, i: number) => seen.push(i),
    });
    expect(m.guest).toBe('self');
    expect(m.samples.length).toBeGreaterThanOrEqual(2);
    expect(m.samples.length).toBeLessThanOrEqual(5);
    expect(seen).toEqual(m.samples.map((_, i) => i));
    for (const s of m.samples) {
      expect(Math.abs(s.offset)).toBeLessThanOrEqual(s.bound);
      expect(s.resolution).toBe(1e-9);
      // The half round trip, plus half the 1 ns resolution and the error of
      // this machine's wall-clock origin (microseconds, unknown in advance).
      expect(s.bound).toBeGreaterThanOrEqual(s.roundTrip / 2);
      expect(s.bound - s.roundTrip / 2).toBeLessThanOrEqual(1e-3 + 1e-9);
    }
    // On the grid 0, 0.1, 0.2 ... s, one sample to a slot at most.
    const slots = m.samples.map((s) => Math.floor((s.t - s.roundTrip / 2) / 0.1 + 1e-6));
    slots.slice(1).forEach((slot, i) => expect(slot).toBeGreaterThan(slots[i]!));
  });

  it('takes one sample for a duration of 0', async () => {
    const m = await measureDrift({ probe: self, guest: 'self', duration: 0 });
    expect(m.samples).toHaveLength(1);
  });

  it('refuses a bad duration or interval as a usage error naming the flag', async () => {
    await expect(measureDrift({ probe: self, guest: 'g', duration: -1 })).rejects.toThrow(
      new UsageError('--duration -1: give a number of seconds from 0 to 604800'),
    );
    await expect(measureDrift({ probe: self, guest: 'g', interval: 0 })).rejects.toThrow(
      /^--interval 0: give a number of seconds from 0\.001 to 86400$/,
    );
    await expect(measureDrift({ probe: self, guest: 'g', duration: NaN })).rejects.toThrow(
      UsageError,
    );
  });

  it('stops between samples when aborted', async () => {
    const controller = new AbortController();
    const run = measureDrift({
      probe: self,
      guest: 'g',
      duration: 60,
      interval: 1,
      signal: controller.signal,
      onSample: () => controller.abort(new Error('stopped by the test')),
    });
    await expect(run).rejects.toThrow('stopped by the test');
  });
});

describe('runDrift and its exit code', () => {
  it('reports on this machine against itself: within a generous offset limit, exit 0', async () => {
    const report = await runDrift({
      probe: self,
      guest: 'self',
      duration: 0.3,
      interval: 0.1,
      maxOffset: 1,
      localClock: SYNCED,
    });
    expect(report.workstation).toEqual({ synchronised: true, source: 'test', detail: 'given' });
    expect(report.thresholds.maxOffset!.verdict).toBe('within');
    expect(report.verdict).toBe('within');
    expect(driftExitCode(report)).toBe(0);
  });

  it('exits 1 when a limit is exceeded or undecided', async () => {
    // An offset limit of 0 can only be undecided: a bound is never 0.
    const report = await runDrift({
      probe: self,
      guest: 'self',
      duration: 0,
      maxOffset: 0,
      localClock: SYNCED,
    });
    expect(report.verdict).toBe('undecided');
    expect(driftExitCode(report)).toBe(1);
  });

  it('refuses a negative or non-numeric limit before measuring', async () => {
    await expect(runDrift({ probe: self, guest: 'g', maxPpm: -5 })).rejects.toThrow(
      /^--max-ppm -5: give a number of at least 0$/,
    );
    await expect(runDrift({ probe: self, guest: 'g', maxOffset: NaN })).rejects.toThrow(UsageError);
  });
});
