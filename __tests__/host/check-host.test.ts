import { checkHost } from '../../src/host/index.js';
import { finding, host, remedyLines } from './helpers.js';

describe('checkHost on fixture hosts', () => {
  it('a host with constant_tsc needs no C-state or cpufreq change', async () => {
    const r = await checkHost(host('rhel7-intel-constant-tsc'));
    expect(r.live).toBe(false);
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.status).toBe('ok');
    expect(tsc.data).toMatchObject({
      present: 'all',
      processors: 4,
      withoutFlag: [],
      amdRevisionF: false,
    });
    expect(tsc.summary).toContain('constant_tsc is present on all 4 processors');
    expect(tsc.evidence[0]).toEqual({
      path: host('rhel7-intel-constant-tsc/proc/cpuinfo'),
      found: 'constant_tsc in the flags of processors 0-3',
    });
    for (const id of ['max-cstate', 'cpufreq'] as const) {
      const f = finding(r, id);
      expect(f.status).toBe('ok');
      expect(f.summary).toMatch(/^not needed: the host has constant_tsc/);
      expect(f.data.needed).toBe(false);
      expect(f.remedy).toBeUndefined();
    }
    expect(finding(r, 'kvm-host')).toMatchObject({
      status: 'info',
      data: { devKvm: true, virtFlags: ['vmx'], hypervisorFlag: false },
    });
    expect(r.findings.map((f) => f.id)).toEqual([
      'kvm-host',
      'constant-tsc',
      'max-cstate',
      'cpufreq',
      'ntp',
    ]);
  });

  it('an AMD revision F host without max_cstate and with cpuspeed unpinned gets two exact actions', async () => {
    const r = await checkHost(host('rhel54-amd-revf'));
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.status).toBe('info');
    expect(tsc.data).toMatchObject({ present: 'none', amdRevisionF: true, withoutFlag: [0, 1] });
    expect(tsc.summary).toContain('"for AMD revision F CPUs only"; this CPU is one');

    const cstate = finding(r, 'max-cstate');
    expect(cstate.status).toBe('action');
    expect(cstate.summary).toContain(
      "processor.max_cstate=1 is not on the running kernel's command line",
    );
    expect(cstate.summary).toContain('"for AMD revision F CPUs only"');
    expect(cstate.data).toEqual({
      needed: true,
      onCmdline: false,
      cmdlineValue: null,
      inGrubConf: false,
    });
    expect(cstate.remedy?.[0]?.say).toBe(
      "Append processor.max_cstate=1 to the host's kernel line in /boot/grub/grub.conf (its default entry), so that it reads:",
    );
    expect(remedyLines(cstate)).toEqual([
      'kernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet processor.max_cstate=1',
    ]);
    expect(cstate.remedy?.[1]?.say).toMatch(/^Then reboot the host/);

    const freq = finding(r, 'cpufreq');
    expect(freq.status).toBe('action');
    expect(freq.summary).toContain('"only necessary on hosts without the constant_tsc"');
    expect(freq.data).toEqual({
      needed: true,
      cpufreq: 'active',
      highestKHz: 2600000,
      minSpeed: '',
      maxSpeed: '',
      pinned: false,
    });
    expect(remedyLines(freq)).toEqual([
      'MIN_SPEED=2600000',
      'MAX_SPEED=2600000',
      'service cpuspeed restart',
    ]);

    expect(r.findings.filter((f) => f.status === 'action').map((f) => f.id)).toEqual([
      'max-cstate',
      'cpufreq',
    ]);
  });

  it('the same host with max_cstate=1 booted and cpuspeed pinned (quoted, last assignment wins) is ok', async () => {
    const r = await checkHost(host('rhel54-amd-revf-pinned'));
    expect(finding(r, 'max-cstate')).toMatchObject({
      status: 'ok',
      data: { needed: true, onCmdline: true, inGrubConf: true },
    });
    const freq = finding(r, 'cpufreq');
    expect(freq.status).toBe('ok');
    expect(freq.data).toMatchObject({
      highestKHz: 2600000,
      minSpeed: '2600000',
      maxSpeed: '2600000',
      pinned: true,
    });
    expect(freq.remedy).toBeUndefined();
  });

  it('a host without cpufreq has nothing to pin; other idle parameters are only mentioned', async () => {
    const r = await checkHost(host('xeon-no-cpufreq'));
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.data).toMatchObject({ present: 'none', amdRevisionF: false });
    expect(tsc.summary).toContain('this CPU is not one');
    const freq = finding(r, 'cpufreq');
    expect(freq.status).toBe('ok');
    expect(freq.summary).toContain('cpufreq is not active');
    expect(freq.summary).toContain('nothing to pin');
    expect(freq.data.cpufreq).toBe('inactive');
    const cstate = finding(r, 'max-cstate');
    expect(cstate.status).toBe('ok');
    // processor.max_cstate=9 comes after `--`: it is init's, not the kernel's.
    expect(cstate.data.cmdlineValue).toBeNull();
    expect(cstate.evidence.map((e) => e.found)).toContain(
      'also intel_idle.max_cstate=0 (not what the document asks for)',
    );
  });

  it('an offline root without /proc or /sys gives unknowns, with the remedy to apply if needed', async () => {
    const r = await checkHost(host('offline-rhel54'));
    expect(r.live).toBe(false);
    expect(finding(r, 'constant-tsc')).toMatchObject({
      status: 'unknown',
      evidence: [{ path: host('offline-rhel54/proc/cpuinfo'), found: 'missing' }],
    });
    const cstate = finding(r, 'max-cstate');
    expect(cstate.status).toBe('unknown');
    expect(cstate.data).toEqual({
      needed: null,
      onCmdline: null,
      cmdlineValue: null,
      inGrubConf: false,
    });
    expect(cstate.summary).toContain('is not on the default kernel line of /boot/grub/grub.conf');
    expect(cstate.remedy?.[0]?.say).toMatch(
      /^If the host has no constant_tsc: append processor\.max_cstate=1/,
    );
    const freq = finding(r, 'cpufreq');
    expect(freq.status).toBe('unknown');
    expect(freq.data).toMatchObject({ cpufreq: null, highestKHz: null, pinned: null });
    expect(freq.evidence[0]).toEqual({
      path: host('offline-rhel54/sys/devices/system/cpu'),
      found: 'missing',
    });
    expect(remedyLines(freq)).toEqual(['service cpuspeed restart']);
    expect(finding(r, 'kvm-host').summary).toBe(
      'cannot tell whether this is a KVM host: no /dev/kvm, cpu flags unknown',
    );
    // Enabled is all an offline root can show, and it is what the next boot does.
    expect(finding(r, 'ntp')).toMatchObject({
      status: 'ok',
      data: { daemon: 'ntpd', running: null, enabled: true },
    });
  });

  it('malformed files (empty cpuinfo and cmdline, garbage cpuspeed, grub.conf and frequency lists) are read, not thrown', async () => {
    const r = await checkHost(host('malformed'));
    expect(finding(r, 'constant-tsc')).toMatchObject({
      status: 'unknown',
      summary: 'cannot tell whether the CPUs have constant_tsc: /proc/cpuinfo is empty',
    });
    const cstate = finding(r, 'max-cstate');
    expect(cstate.status).toBe('unknown');
    expect(cstate.evidence.map((e) => e.found)).toEqual(['empty', 'no entries']);
    // With no grub.conf line of its own, the remedy shows the document's example.
    expect(remedyLines(cstate)).toEqual([
      'kernel /vmlinuz-2.6.18-159.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet processor.max_cstate=1',
    ]);
    const freq = finding(r, 'cpufreq');
    expect(freq.status).toBe('unknown');
    expect(freq.data).toMatchObject({
      highestKHz: 2400000,
      minSpeed: 'fast',
      maxSpeed: '',
      pinned: false,
    });
    const found = freq.evidence.map((e) => e.found);
    expect(found).toContain('no frequencies in "n/a"');
    expect(found).toContain('MIN_SPEED=fast (line 2, not a number); MAX_SPEED empty (line 4)');
    expect(remedyLines(freq)).toEqual([
      'MIN_SPEED=2400000',
      'MAX_SPEED=2400000',
      'service cpuspeed restart',
    ]);
  });

  it('a root that does not exist at all is all unknowns and one ntp action, never a throw', async () => {
    const r = await checkHost('/nonexistent/host/root');
    expect(r.findings.map((f) => f.status)).toEqual([
      'info',
      'unknown',
      'unknown',
      'unknown',
      'action',
    ]);
  });
});
