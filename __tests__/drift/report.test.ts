import { buildDriftReport, type DriftReport } from '../../src/drift/report.js';
import { formatSeconds, renderDriftReport } from '../../src/drift/render.js';
import type { Measurement } from '../../src/drift/measure.js';
import type { Sample } from '../../src/drift/sample.js';
import { judge, overall } from '../../src/drift/verdict.js';

const SYNCED = { synchronised: true, source: 'chronyc -n tracking', detail: 'leap status Normal' };

/** Samples of a guest at `offset` + `rate`·t, each off by `wobble(i)`, one per second. */
function measurement(
  n: number,
  offset: number,
  rate: number,
  resolution = 1e-9,
  wobble = (_i: number) => 0,
): Measurement {
  const samples: Sample[] = Array.from({ length: n }, (_, i) => ({
    t: i + 0.004,
    offset: offset + rate * i + wobble(i),
    bound: 0.004 + resolution / 2,
    roundTrip: 0.008,
    resolution,
  }));
  return { guest: 'root@rhel3', originMs: Date.UTC(2026, 0, 2, 3, 4, 5), samples };
}

describe('judge and overall', () => {
  it('exceeds only beyond the limit with the whole margin, within only inside it with the whole margin', () => {
    expect(judge(5, 0.1, 1).verdict).toBe('exceeds');
    expect(judge(-5, 0.1, 1).verdict).toBe('exceeds');
    expect(judge(0.5, 0.1, 1).verdict).toBe('within');
    expect(judge(0.9, 0.1, 1).verdict).toBe('within'); // 1.0 is still within a limit of 1
    expect(judge(0.95, 0.1, 1).verdict).toBe('undecided');
    expect(judge(1.05, 0.1, 1).verdict).toBe('undecided');
    expect(judge(1.1, 0.1, 1).verdict).toBe('undecided'); // 1.0 might be the truth
  });

  it('lets an exceeded limit win over an undecided one', () => {
    const within = judge(0, 0, 1);
    const undecided = judge(1, 0.5, 1);
    const exceeds = judge(3, 0.5, 1);
    expect(overall([])).toBe('none');
    expect(overall([null, within])).toBe('within');
    expect(overall([within, undecided])).toBe('undecided');
    expect(overall([undecided, exceeds])).toBe('exceeds');
  });
});

describe('buildDriftReport', () => {
  it('reports the last offset with its bound, the rate in ppm and s/day, and the verdicts', () => {
    const wobble = (i: number) => (i % 3 === 0 ? 2e-4 : -1e-4);
    const r = buildDriftReport(measurement(31, 2, 1e-4, 1e-9, wobble), SYNCED, {
      maxOffset: 1,
      maxPpm: 150,
    });
    expect(r).toMatchObject({
      check: 'drift',
      guest: 'root@rhel3',
      startedAt: '2026-01-02T03:04:05.000Z',
      sampleCount: 31,
      resolution: 1e-9,
      wholeSeconds: false,
      roundTrip: { min: 0.008, median: 0.008, max: 0.008 },
      workstation: SYNCED,
      verdict: 'exceeds',
    });
    expect(r.duration).toBeCloseTo(30, 9);
    expect(r.offset.seconds).toBeCloseTo(2 + 30e-4 + wobble(30), 12);
    expect(r.offset.bound).toBeCloseTo(0.004, 8);
    expect(r.offset.at).toBe('2026-01-02T03:04:35.004Z');
    expect(r.rate!.ppm).toBeGreaterThan(100 - r.rate!.expandedPpm);
    expect(r.rate!.ppm).toBeLessThan(100 + r.rate!.expandedPpm);
    expect(r.rate!.secondsPerDay).toBeCloseTo(r.rate!.ppm * 0.0864, 12);
    expect(r.rate).toMatchObject({ coverage: 0.95, dof: 29, roundTripTerm: null });
    expect(r.rate!.method).toMatch(/^weighted least squares/);
    expect(r.thresholds.maxOffset).toMatchObject({ limit: 1, verdict: 'exceeds' });
    expect(r.thresholds.maxPpm).toMatchObject({ limit: 150, verdict: 'within' });
  });

  it('leaves the rate out with fewer than 3 samples, and a rate limit undecided', () => {
    const r = buildDriftReport(measurement(2, -0.25, 0), SYNCED, { maxOffset: 1, maxPpm: 5 });
    expect(r.rate).toBeNull();
    expect(r.thresholds.maxPpm).toEqual({
      limit: 5,
      value: null,
      margin: null,
      verdict: 'undecided',
    });
    expect(r.thresholds.maxOffset!.verdict).toBe('within');
    expect(r.verdict).toBe('undecided');
  });

  it('is plain data: JSON and back gives the same, an unknown sync status as null', () => {
    const r = buildDriftReport(measurement(5, 1, 0), {
      synchronised: undefined,
      source: 'none',
      detail: 'x',
    });
    expect(r.workstation.synchronised).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('renderDriftReport', () => {
  const text = (r: DriftReport) => renderDriftReport(r).split('\n');

  it('says offset ± bound, rate ± uncertainty, s/day, the resolution and the verdicts', () => {
    const lines = text(
      buildDriftReport(
        measurement(31, 2, -5e-5, 1e-9, (i) => (i % 2 ? 1e-4 : -1e-4)),
        SYNCED,
        {
          maxOffset: 2.5,
          maxPpm: 10,
        },
      ),
    );
    expect(lines[0]).toBe('Clock drift of root@rhel3 against this workstation');
    expect(lines).toContain('  Guest clock resolution: 1 ns (date +%s.%N)');
    expect(lines.find((l) => l.startsWith('  Offset:'))).toMatch(
      /^ {2}Offset: \+1\.998\d+ s ± 4\.000 ms \(guest ahead; last sample, 2026-01-02T03:04:35\.004Z\)$/,
    );
    expect(lines.find((l) => l.startsWith('  Rate:'))).toMatch(
      /^ {2}Rate: -50\.\d\d ppm ± \d+\.\d+ ppm \(standard uncertainty; ± \d+\.\d+ ppm at 95 %\)$/,
    );
    expect(lines.find((l) => l.includes('s/day'))).toMatch(/^ {8}4\.3\d\d s\/day lost/);
    expect(lines).toContain(
      '  Workstation clock: synchronised (chronyc -n tracking: leap status Normal)',
    );
    expect(lines.find((l) => l.startsWith('    offset:'))).toMatch(/limit 2\.5 s: within/);
    expect(lines.find((l) => l.startsWith('    rate:'))).toMatch(/limit 10 ppm: exceeds/);
    expect(lines).toContain('  Verdict: a limit is exceeded');
  });

  it('names whole seconds, an unsynchronised or unknown workstation clock, and an undecided verdict', () => {
    const whole = buildDriftReport(
      measurement(5, 0.2, 0, 1),
      { synchronised: false, source: 'ntpq -n -c rv', detail: 'status leap_alarm, sync_unspec' },
      { maxOffset: 0.5 },
    );
    const lines = text(whole);
    expect(lines.find((l) => l.startsWith('  Guest clock resolution:'))).toMatch(
      /1 s: the guest's date has no %N/,
    );
    expect(lines.some((l) => l.includes('a longer --duration narrows it'))).toBe(true);
    expect(lines).toContain(
      '  Workstation clock: NOT synchronised (ntpq -n -c rv: status leap_alarm, sync_unspec)',
    );
    expect(lines.some((l) => l.includes("measured against this workstation's clock"))).toBe(true);
    expect(lines.find((l) => l.startsWith('    offset:'))).toMatch(
      /undecided \(magnitude .* straddles the limit/,
    );
    expect(lines.at(-2)).toMatch(/^ {2}Verdict: undecided: .*measure longer \(--duration\)/);

    const none = text(
      buildDriftReport(measurement(2, 0, 0), {
        synchronised: undefined,
        source: 'none',
        detail: 'unknown: none of chronyc, ntpq, timedatectl found',
      }),
    );
    expect(none).toContain(
      '  Workstation clock: unknown: none of chronyc, ntpq, timedatectl found',
    );
    expect(none).toContain(
      '  Rate: not measured: it needs at least 3 samples (a longer --duration)',
    );
    expect(none.some((l) => l.startsWith('  Verdict'))).toBe(false);
  });

  it('formats durations in a unit that suits them', () => {
    expect(formatSeconds(5.0042131)).toBe('5.004213 s');
    expect(formatSeconds(0.0021044, true)).toBe('+2.104 ms');
    expect(formatSeconds(-8.12e-7)).toBe('-812 ns');
    expect(formatSeconds(1.5e-6)).toBe('1.500 µs');
  });
});
