import { readFileSync } from 'node:fs';
import { checkHost, hostReportJson, renderHostReport } from '../../src/host/index.js';
import { finding } from './helpers.js';

// The running system: what the check says about this machine's CPUs and
// services differs from machine to machine (those findings are tested on the
// fixture hosts), so only what holds on any Linux machine is asserted here:
// the live path runs on a real /proc and /sys without throwing, and its
// answers agree with each other and with /proc/cpuinfo.
describe("checkHost('/') on the machine the tests run on", () => {
  it('runs live, reports every finding with a known status, and renders', async () => {
    const r = await checkHost('/');
    expect(r.root).toBe('/');
    expect(r.live).toBe(true);
    expect(r.findings.map((f) => f.id)).toEqual([
      'kvm-host',
      'constant-tsc',
      'max-cstate',
      'cpufreq',
      'ntp',
    ]);
    for (const f of r.findings) {
      expect(['ok', 'action', 'info', 'unknown']).toContain(f.status);
      expect(f.summary).not.toBe('');
    }
    // Live: processes were looked at, so running is known either way.
    expect(finding(r, 'ntp').data.running).not.toBeNull();
    expect(renderHostReport(r)).toMatch(/\n(No action needed|\d+ actions? needed)/);
    expect(() => JSON.stringify(hostReportJson(r))).not.toThrow();
  });

  it('counts the processors /proc/cpuinfo lists, and asks nothing more of a host with constant_tsc on all', async () => {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'latin1');
    const processors = cpuinfo.match(/^processor\s*:/gm)?.length ?? 0;
    const withFlag = cpuinfo.match(/^flags\s*:.*\bconstant_tsc\b/gm)?.length ?? 0;
    const r = await checkHost('/');
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.data.processors).toBe(processors);
    expect(tsc.data.present).toBe(
      withFlag === 0 ? 'none' : withFlag === processors ? 'all' : 'some',
    );
    if (tsc.data.present === 'all') {
      expect(finding(r, 'max-cstate').status).toBe('ok');
      expect(finding(r, 'cpufreq').status).toBe('ok');
    }
  });
});
