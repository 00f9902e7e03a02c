import path from 'node:path';
import { REPO, runCli } from '../helpers/cli.js';

const HOSTS = path.join(REPO, '__tests__/fixtures/hosts');

describe('fix-clock-drift host-check', () => {
  it('names the actions with their exact remedies on a host without constant_tsc', () => {
    const r = runCli(['host-check', '--root', path.join(HOSTS, 'rhel54-amd-revf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[ACTION\] max-cstate/);
    expect(r.stdout).toMatch(/kernel \/vmlinuz-2\.6\.18-164\.el5 .* processor\.max_cstate=1\n/);
    expect(r.stdout).toMatch(/MIN_SPEED=2600000\n\s+MAX_SPEED=2600000/);
    expect(r.stdout).toMatch(/2 actions needed \(max-cstate, cpufreq\)/);
  });

  it('--json gives the findings as data', () => {
    const r = runCli([
      'host-check',
      '--root',
      path.join(HOSTS, 'rhel7-intel-constant-tsc'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      check: string;
      findings: { id: string; status: string }[];
    };
    expect(report.check).toBe('host');
    expect(report.findings.find((f) => f.id === 'constant-tsc')?.status).toBe('ok');
  });

  it('runs on this machine without failing', () => {
    const r = runCli(['host-check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/constant-tsc/);
  });

  it('refuses an unknown flag with exit 2', () => {
    const r = runCli(['host-check', '--release', '5.4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--release'/);
  });
});
