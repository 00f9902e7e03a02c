import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import jStat from 'jstat';
import { runCli } from '../helpers/cli.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { startFakeClock, type FakeClock } from './helpers/fake-clock.js';
import { bindShm, faketimeGuest } from './helpers/faketime-guest.js';

// `drift --ssh` end to end: fake guests behind a loopback sshd whose `date`
// reads a clock libfaketime shifts and scales (Debian's faketime and
// libfaketime). What is measured over the one SSH connection must agree with
// the clock that was set, within the bounds and uncertainty the report gives.
// Nothing here asserts how long anything took.

interface Sample {
  t: number;
  offset: number;
  bound: number;
  roundTrip: number;
}

let sshd: Sshd;
const clocks: Record<string, FakeClock> = {};
const roots: string[] = [];
const before = readdirSync('/dev/shm').filter((f) => f.includes('faketime'));

beforeAll(async () => {
  clocks.nano = await startFakeClock(5, 1.001);
  clocks.old = await startFakeClock(-3.25, 1.0005);
  const nano = faketimeGuest(clocks.nano);
  const old = faketimeGuest(clocks.old, true);
  roots.push(nano.root, old.root);
  sshd = await startSshd({
    guests: [
      { alias: 'nano', shell: 'busybox', root: nano.root, fake: { date: nano.date } },
      { alias: 'old', shell: 'dash', root: old.root, fake: { date: old.date } },
      { alias: 'nodate', shell: 'busybox', hide: ['date'] },
    ],
  });
  bindShm(sshd.pid, nano.root);
  bindShm(sshd.pid, old.root);
}, 60_000);

afterAll(async () => {
  await sshd?.stop();
  await Promise.all(Object.values(clocks).map((c) => c.stop()));
  for (const root of roots) rmSync(path.dirname(root), { recursive: true, force: true });
  // libfaketime's shared memory goes with the clocks that made it.
  expect(
    readdirSync('/dev/shm').filter((f) => f.includes('faketime') && !before.includes(f)),
  ).toEqual([]);
});

function drift(alias: string, args: string[]) {
  return runCli(['drift', '--ssh', alias, '--ssh-command', `ssh -F ${sshd.config}`, ...args]);
}

/** Samples that miss the truth by more than their bound allows (see faketime.test.ts). */
function misses(clock: FakeClock, startedAt: string, samples: Sample[]): string[] {
  const origin = Date.parse(startedAt) / 1000;
  return samples.flatMap((s, i) => {
    const truth = clock.truth(origin + s.t);
    const allowed = s.bound + truth.slack + (Math.abs(clock.rate - 1) * s.roundTrip) / 2 + 0.001;
    const off = Math.abs(s.offset - truth.offset);
    return off <= allowed ? [] : [`sample ${i}: off by ${off} s, allowed ${allowed} s`];
  });
}

describe('drift --ssh against a libfaketime clock', () => {
  it('+5 s, 1000 ppm, nanosecond date: offset within its bound of the truth, rate within its uncertainty', () => {
    const clock = clocks.nano!;
    const r = drift('nano', [
      '--duration',
      '4',
      '--interval',
      '0.2',
      '--max-offset',
      '1',
      '--max-ppm',
      '100000',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    const rep = JSON.parse(r.stdout);
    // 5 s is over 1 s whatever the bound: the limit is exceeded, and the exit status says so.
    expect(r.code).toBe(1);
    expect(rep).toMatchObject({
      command: 'drift',
      guest: 'nano',
      resolution: 1e-9,
      wholeSeconds: false,
      verdict: 'exceeds',
      exitCode: 1,
      thresholds: { maxOffset: { verdict: 'exceeds' }, maxPpm: { verdict: 'within' } },
    });
    expect(rep.sampleCount).toBeGreaterThanOrEqual(5);
    expect(misses(clock, rep.startedAt, rep.samples)).toEqual([]);
    const truth = clock.truth(Date.parse(rep.offset.at) / 1000);
    expect(Math.abs(rep.offset.seconds - truth.offset)).toBeLessThanOrEqual(
      rep.offset.bound + truth.slack + 0.001,
    );
    const k = jStat.studentt.inv(0.9995, rep.rate.dof);
    expect(Math.abs(rep.rate.ppm - 1000)).toBeLessThanOrEqual(k * rep.rate.uncertaintyPpm);
    expect(rep.rate.secondsPerDay).toBeCloseTo(rep.rate.ppm * 0.0864, 9);
    expect(rep.workstation).toEqual(expect.objectContaining({ source: expect.any(String) }));
  });

  it('a guest whose date has no %N: whole seconds, said so, and the truth within the wider bound', () => {
    const clock = clocks.old!;
    const r = drift('old', ['--duration', '4', '--interval', '0.25', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ resolution: 1, wholeSeconds: true, verdict: 'none' });
    for (const s of rep.samples as Sample[]) expect(s.bound).toBeGreaterThanOrEqual(0.5);
    expect(misses(clock, rep.startedAt, rep.samples)).toEqual([]);
    const k = jStat.studentt.inv(0.9995, rep.rate.dof);
    expect(Math.abs(rep.rate.ppm - 500)).toBeLessThanOrEqual(k * rep.rate.uncertaintyPpm);
    const prose = drift('old', ['--duration', '1', '--interval', '0.5']);
    expect(prose.stdout).toContain("Guest clock resolution: 1 s: the guest's date has no %N");
  });

  it('a guest without date: one line naming the guest, exit 1', () => {
    const r = drift('nodate', ['--duration', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: nodate: "date \+%s\.%N" failed with exit status 127: .*not found/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('usage: --ssh is needed, and numbers are numbers', () => {
    expect(runCli(['drift', '--duration', '5']).stderr).toMatch(/drift needs --ssh HOST/);
    const bad = runCli(['drift', '--ssh', 'nano', '--max-ppm', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-ppm.*expected a number of ppm of at least 0/);
  });
});
