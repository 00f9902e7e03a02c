import { checkHost, hostReportJson, renderHostReport } from '../../src/host/index.js';
import { finding } from './helpers.js';

// This machine (a Debian KVM guest whose CPUs report constant_tsc): the check
// must run on a real /proc and /sys without throwing.
describe("checkHost('/') on this machine", () => {
  it('runs live, reports constant_tsc present, and renders', async () => {
    const r = await checkHost('/');
    expect(r.root).toBe('/');
    expect(r.live).toBe(true);
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.status).toBe('ok');
    expect(tsc.data.present).toBe('all');
    expect(finding(r, 'max-cstate').status).toBe('ok');
    expect(finding(r, 'cpufreq').status).toBe('ok');
    // Live: processes were looked at, so running is known either way.
    expect(finding(r, 'ntp').data.running).not.toBeNull();
    expect(renderHostReport(r)).toMatch(/\n(No action needed|\d+ actions? needed)/);
    expect(() => JSON.stringify(hostReportJson(r))).not.toThrow();
  });
});
