import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { copySample, runCli, tempDir } from '../helpers/cli.js';

/** A guest's decide report, as the role saves it: the CLI's own --json output. */
function decide(dir: string, guest: string, sample: string, flags: string[] = []): void {
  const { root } = copySample(sample);
  const r = runCli(['--root', root, '--yes', '--json', '--dry-run', ...flags]);
  writeFileSync(path.join(dir, `${guest}.decide.json`), r.stdout);
}

describe('fix-clock-drift fleet-report DIR', () => {
  const dir = tempDir('fcd-fleet-');
  beforeAll(() => {
    decide(dir, 'web1', 'rhel5.4-i686-nokvmclock');
    decide(dir, 'web2', 'rhel4.8-i686');
    decide(dir, 'db1', 'centos6-x86_64');
    // A phase after decide: its outcome is the guest's.
    writeFileSync(
      path.join(dir, 'web1.write.json'),
      JSON.stringify({
        tool: 'fix-clock-drift',
        phase: 'write',
        outcome: 'written',
        params: ['clocksource=acpi_pm', 'lpj=2394132'],
      }),
    );
    // A guest Ansible could not reach, and one whose run failed.
    writeFileSync(
      path.join(dir, 'old1.json'),
      JSON.stringify({
        tool: 'fix-clock-drift',
        outcome: 'unreachable',
        error: 'Failed to connect to the host via ssh',
      }),
    );
    writeFileSync(path.join(dir, 'bad1.decide.json'), 'not json at all');
  });

  it('prints one line a guest, from the files alone', () => {
    const r = runCli(['fleet-report', dir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^guest +release +arch +kvm-clock +parameters +outcome +warnings$/);
    expect(r.stdout).toMatch(
      /^web1 +5\.4 +x86 +no +clocksource=acpi_pm lpj=2394132 +written \(write\)/m,
    );
    expect(r.stdout).toMatch(/^web2 +4\.8 +x86 +no +clock=pmtmr +dry-run \(decide\)/m);
    expect(r.stdout).toMatch(/^db1 +6\.4 +x86_64 +yes +- +no-params \(decide\)/m);
    expect(r.stdout).toMatch(/^old1 +\? +\? +\? +- +unreachable \(decide\): Failed to connect/m);
    expect(r.stdout).toMatch(/^bad1 .* error \(decide\): bad1\.decide\.json is not a JSON report/m);
    expect(r.stdout).toContain('5 guests: ');
  });

  it('as JSON and as CSV, every guest listed', () => {
    const json = JSON.parse(runCli(['fleet-report', dir, '--json']).stdout);
    expect(json.guests.map((g: { guest: string }) => g.guest).sort()).toEqual([
      'bad1',
      'db1',
      'old1',
      'web1',
      'web2',
    ]);
    expect(json.guests.find((g: { guest: string }) => g.guest === 'web1')).toMatchObject({
      release: '5.4',
      kvmClock: false,
      outcome: 'written',
      files: ['web1.decide.json', 'web1.write.json'],
    });
    const csv = runCli(['fleet-report', dir, '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe('guest,release,arch,kvm-clock,parameters,outcome,warnings');
    expect(csv).toHaveLength(6);
  });

  it('names with dots are whole guests; a listed guest with no report was not run', () => {
    const run = tempDir('fcd-fleet-run-');
    decide(run, 'web1.example.com', 'rhel4.8-i686');
    decide(run, '10.0.0.5', 'rhel5.4-i686-nokvmclock');
    writeFileSync(
      path.join(run, '10.0.0.5.write.json'),
      JSON.stringify({ tool: 'fix-clock-drift', phase: 'write', outcome: 'written' }),
    );
    // A decide report whose writer was never run: check mode, or a run stopped before the write.
    writeFileSync(
      path.join(run, 'db1.decide.json'),
      JSON.stringify({ tool: 'fix-clock-drift', outcome: 'script', params: ['notsc'] }),
    );
    writeFileSync(path.join(run, 'guests.list'), 'web1.example.com\n10.0.0.5\ndb1\nlate1\n');
    const json = JSON.parse(runCli(['fleet-report', run, '--json']).stdout);
    const by = (g: string) => json.guests.find((x: { guest: string }) => x.guest === g);
    expect(json.guests.map((g: { guest: string }) => g.guest)).toEqual([
      '10.0.0.5',
      'db1',
      'late1',
      'web1.example.com',
    ]);
    expect(by('10.0.0.5')).toMatchObject({
      release: '5.4',
      outcome: 'written',
      phase: 'write',
      files: ['10.0.0.5.decide.json', '10.0.0.5.write.json'],
    });
    expect(by('web1.example.com')).toMatchObject({ release: '4.8', outcome: 'dry-run' });
    expect(by('db1')).toMatchObject({ outcome: 'would-write', params: ['notsc'] });
    expect(by('late1')).toMatchObject({ outcome: 'not-run', phase: 'none', files: [] });
    expect(runCli(['fleet-report', run]).stdout).toMatch(
      /^late1 +\? +\? +\? +- +not-run \(none\)/m,
    );
  });

  it('a missing directory is a failure naming it; no directory a usage error', () => {
    const r = runCli(['fleet-report', '/nonexistent/fcd-fleet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: cannot read \/nonexistent\/fcd-fleet: no such file or directory/,
    );
    expect(runCli(['fleet-report']).code).toBe(2);
    expect(runCli(['fleet-report', dir, '--format', 'xml']).code).toBe(2);
  });
});
