import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jStat from 'jstat';
import { ToolError } from '../../src/shared/errors.js';
import { measureDrift, type Measurement } from '../../src/drift/measure.js';
import { buildDriftReport, type DriftReport } from '../../src/drift/report.js';
import { GUEST_DATE_COMMAND, type ClockProbe } from '../../src/drift/probe.js';
import { localProbe, startFakeClock, type FakeClock } from './helpers/fake-clock.js';

// Real processes, real clocks: each sample is a new `sh -c 'date +%s.%N'`
// whose clock libfaketime shifts and scales (Debian packages faketime and
// libfaketime). Nothing here asserts how long anything took: only that what
// was measured agrees with the clock that was set, within the stated bounds.

const UNSYNCED = { synchronised: undefined, source: 'test', detail: 'not asked' };

/**
 * How far a sample may be from the truth: its bound, plus what t0's
 * uncertainty moves the truth, plus the drift within half its round trip (the
 * offset is that at the unknown instant of reading, the truth that at the middle).
 */
function misses(clock: FakeClock, m: Measurement): string[] {
  return m.samples.flatMap((s, i) => {
    const truth = clock.truth(m.originMs / 1000 + s.t);
    const allowed = s.bound + truth.slack + (Math.abs(clock.rate - 1) * s.roundTrip) / 2;
    const off = Math.abs(s.offset - truth.offset);
    return off <= allowed ? [] : [`sample ${i}: off by ${off} s, allowed ${allowed} s`];
  });
}

/**
 * The report's standard uncertainty is a t-distributed standard error with
 * `dof` degrees of freedom: the truth lies within its 99.9 % multiple but for
 * 1 run in 1000. (Its 95 % interval, the one the verdicts use, misses 1 run
 * in 20 by design; fit.test.ts checks that rate on 4000 seeded runs.)
 */
function rateMiss(
  report: DriftReport,
  clock: FakeClock,
  dof: number,
): { miss: number; allowed: number } {
  const k = jStat.studentt.inv(0.9995, dof);
  return {
    miss: Math.abs(report.rate!.ppm - (clock.rate - 1) * 1e6),
    allowed: k * report.rate!.uncertaintyPpm,
  };
}

describe('measuring a clock set by libfaketime', () => {
  let clocks: FakeClock[] = [];
  let dirs: string[] = [];
  const shm = (): string[] => readdirSync('/dev/shm').filter((f) => f.includes('faketime'));
  let before: string[] = [];
  beforeEach(() => {
    before = shm();
  });
  afterEach(async () => {
    await Promise.all(clocks.map((c) => c.stop()));
    // A leftover of a process whose pid comes round again breaks libfaketime there.
    expect(shm().filter((f) => !before.includes(f))).toEqual([]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    clocks = [];
    dirs = [];
  });
  async function fakeClock(offset: number, rate: number): Promise<FakeClock> {
    const clock = await startFakeClock(offset, rate);
    clocks.push(clock);
    return clock;
  }

  it('sees one clock across commands when they share the anchor, and a fresh one per process otherwise', async () => {
    const clock = await fakeClock(0, 1.5);
    const shared = await measureDrift({
      probe: localProbe(clock.env),
      guest: 'g',
      duration: 0.6,
      interval: 0.6,
    });
    expect(shared.samples).toHaveLength(2);
    expect(misses(clock, shared)).toEqual([]);
    const [a, b] = shared.samples;
    // Half a second gained per second: the second sample shows about 0.3 s more.
    expect(b!.offset - a!.offset).toBeGreaterThan(0.3 - a!.bound - b!.bound);

    // Without FAKETIME_SHARED, libfaketime makes shared memory of its own in
    // each process and removes it at exit; a shell that execs its last command
    // never exits as itself and would leave it in /dev/shm, so `date` runs
    // here without a shell.
    const alone = { ...clock.env };
    delete alone.FAKETIME_SHARED;
    const direct: ClockProbe = {
      run: (command) => {
        const [file = '', ...args] = command.split(' ');
        return new Promise((resolve) => {
          execFile(file, args, { env: alone, encoding: 'utf8' }, (err, stdout, stderr) =>
            resolve({ code: err ? 1 : 0, stdout, stderr }),
          );
        });
      },
    };
    const apart = await measureDrift({ probe: direct, guest: 'g', duration: 0.6, interval: 0.6 });
    const [c, d] = apart.samples;
    // Each process counts its rate from its own start: no gain between commands.
    expect(Math.abs(d!.offset - c!.offset)).toBeLessThan(c!.bound + d!.bound);
  });

  // 50000 ppm: 0.2 s gained over the 4 s run, so the drift stands out of the
  // uncertainty even when a loaded machine stretches every round trip (at
  // 10000 ppm, one loaded run measured an uncertainty above the rate).
  it('measures offset and rate within their bound and uncertainty (+5 s, 50000 ppm, nanosecond date)', async () => {
    const clock = await fakeClock(5, 1.05);
    const m = await measureDrift({
      probe: localProbe(clock.env),
      guest: 'fake',
      duration: 4,
      interval: 0.1,
    });
    const report = buildDriftReport(m, UNSYNCED, { maxOffset: 1, maxPpm: 500000 });

    expect(misses(clock, m)).toEqual([]);
    const last = m.samples[m.samples.length - 1]!;
    const truth = clock.truth(m.originMs / 1000 + last.t);
    expect(Math.abs(report.offset.seconds - truth.offset)).toBeLessThanOrEqual(
      report.offset.bound + truth.slack + 0.01 * last.roundTrip,
    );
    expect(report).toMatchObject({ resolution: 1e-9, wholeSeconds: false });

    const { miss, allowed } = rateMiss(report, clock, m.samples.length - 3);
    expect(miss).toBeLessThanOrEqual(allowed);
    // The drift is seen, not lost in the noise: the shared anchor works.
    expect(report.rate!.ppm - report.rate!.expandedPpm).toBeGreaterThan(0);
    expect(report.rate!.secondsPerDay).toBeCloseTo(report.rate!.ppm * 0.0864, 9);

    // 5 s is over 1 s whatever the bound; 50000 ppm is within 500000 ppm whatever the uncertainty.
    expect(report.thresholds.maxOffset!.verdict).toBe('exceeds');
    expect(report.thresholds.maxPpm!.verdict).toBe('within');
    expect(report.verdict).toBe('exceeds');
  });

  it('measures a guest whose date has no %N in whole seconds, and the truth stays within the wider bound', async () => {
    const clock = await fakeClock(-3.25, 1.01);
    const bin = mkdtempSync(path.join(os.tmpdir(), 'fcd-old-date-'));
    dirs.push(bin);
    // A date whose strftime does not know %N prints it as it is, as busybox's does.
    writeFileSync(
      path.join(bin, 'date'),
      '#!/bin/sh\ncase "$1" in +*) set -- "$(printf \'%s\' "$1" | sed \'s/%N/%%N/g\')" ;; esac\nexec /bin/date "$@"\n',
      { mode: 0o755 },
    );
    const env = { ...clock.env, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    expect((await localProbe(env).run(GUEST_DATE_COMMAND)).stdout).toMatch(/^\d+\.%N\n$/);

    const m = await measureDrift({
      probe: localProbe(env),
      guest: 'old',
      duration: 4,
      interval: 0.25,
    });
    const report = buildDriftReport(m, UNSYNCED);
    expect(report).toMatchObject({ resolution: 1, wholeSeconds: true });
    for (const s of m.samples) expect(s.bound).toBeGreaterThanOrEqual(0.5);
    expect(misses(clock, m)).toEqual([]);
    const { miss, allowed } = rateMiss(report, clock, m.samples.length - 2);
    expect(miss).toBeLessThanOrEqual(allowed);
  });

  it('stops at a guest whose date fails, in one line naming the guest', async () => {
    const clock = await fakeClock(5, 1);
    const probe = localProbe({ ...clock.env, PATH: '/nonexistent' });
    const run = measureDrift({ probe, guest: 'root@nodate', duration: 1, interval: 0.5 });
    await expect(run).rejects.toThrow(ToolError);
    await expect(run).rejects.toThrow(
      /^root@nodate: "date \+%s\.%N" failed with exit status 127: .*date.*not found/,
    );
  });
});
