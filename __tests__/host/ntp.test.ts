import { checkHost } from '../../src/host/index.js';
import { finding, host, makeRoot, remedyLines, removeRoots } from './helpers.js';

afterAll(removeRoots);

const RHEL5_NTPD = {
  'etc/rc.d/init.d/ntpd': '#!/bin/bash\n# chkconfig: - 58 74\n',
  'usr/sbin/ntpd': 'ntpd',
  'etc/rc3.d': { link: 'rc.d/rc3.d' },
};

describe('ntp', () => {
  it('ntpd enabled (chkconfig links) and running (live) is ok; the rc3.d link is counted once', async () => {
    const r = await checkHost(host('rhel54-amd-revf'), { live: true });
    const f = finding(r, 'ntp');
    expect(f).toMatchObject({ status: 'ok', summary: 'ntpd is running and starts at boot' });
    expect(f.data).toEqual({ daemon: 'ntpd', running: true, enabled: true });
    expect(f.evidence.map((e) => e.found)).toEqual([
      'ntpd (pid 2861)',
      'start link for ntpd',
      'start link for ntpd',
    ]);
    expect(f.evidence[1]?.path).toBe(host('rhel54-amd-revf/etc/rc.d/rc3.d/S58ntpd'));
  });

  it("ntpd installed but not enabled (K links only) and not running: both of the document's commands", async () => {
    const f = finding(await checkHost(host('rhel54-amd-revf-pinned'), { live: true }), 'ntp');
    expect(f.status).toBe('action');
    expect(f.summary).toMatch(/^neither ntpd nor chronyd is running or starts at boot/);
    expect(f.data).toEqual({ daemon: 'ntpd', running: false, enabled: false });
    expect(remedyLines(f)).toEqual(['service ntpd start', 'chkconfig ntpd on']);
  });

  it('enabled but not running: start it', async () => {
    const root = await makeRoot({
      ...RHEL5_NTPD,
      'etc/rc.d/rc3.d/S58ntpd': { link: '../init.d/ntpd' },
      'proc/1/comm': 'init\n',
    });
    const f = finding(await checkHost(root, { live: true }), 'ntp');
    expect(f).toMatchObject({
      status: 'action',
      summary: 'ntpd starts at boot but is not running',
    });
    expect(remedyLines(f)).toEqual(['service ntpd start']);
  });

  it('running but not enabled: enable it', async () => {
    const root = await makeRoot({
      ...RHEL5_NTPD,
      'etc/rc.d/rc3.d/K74ntpd': { link: '../init.d/ntpd' },
      'proc/812/comm': 'ntpd\n',
    });
    const f = finding(await checkHost(root, { live: true }), 'ntp');
    expect(f).toMatchObject({
      status: 'action',
      summary: 'ntpd is running but does not start at boot',
    });
    expect(remedyLines(f)).toEqual(['chkconfig ntpd on']);
  });

  it('chronyd enabled under systemd and running is ok', async () => {
    const f = finding(await checkHost(host('rhel7-intel-constant-tsc'), { live: true }), 'ntp');
    expect(f).toMatchObject({
      status: 'ok',
      data: { daemon: 'chronyd', running: true, enabled: true },
    });
  });

  it('chronyd enabled under systemd but not running: systemctl enable --now chronyd', async () => {
    const root = await makeRoot({
      'usr/lib/systemd/systemd': 'systemd',
      'etc/systemd/system/multi-user.target.wants/chronyd.service': {
        link: '/usr/lib/systemd/system/chronyd.service',
      },
      'proc/1/comm': 'systemd\n',
    });
    const f = finding(await checkHost(root, { live: true }), 'ntp');
    expect(f.status).toBe('action');
    expect(f.remedy).toEqual([{ say: 'Run:', lines: ['systemctl enable --now chronyd'] }]);
  });

  it("only chronyd installed on a systemd host, nothing enabled: the systemctl command, not ntpd's", async () => {
    const root = await makeRoot({
      'usr/lib/systemd/systemd': 'systemd',
      'usr/sbin/chronyd': 'chronyd',
      'usr/lib/systemd/system/chronyd.service': '[Unit]\n',
    });
    const f = finding(await checkHost(root), 'ntp');
    expect(f.status).toBe('action');
    expect(f.data).toEqual({ daemon: 'chronyd', running: null, enabled: false });
    expect(remedyLines(f)).toEqual(['systemctl enable --now chronyd']);
  });

  it("Debian's unit names count: ntp.service for ntpd, chrony.service for chronyd", async () => {
    const wants = 'etc/systemd/system/multi-user.target.wants';
    const ntp = await makeRoot({
      [`${wants}/ntp.service`]: { link: '/lib/systemd/system/ntp.service' },
    });
    expect(finding(await checkHost(ntp), 'ntp').data).toEqual({
      daemon: 'ntpd',
      running: null,
      enabled: true,
    });
    const chrony = await makeRoot({
      [`${wants}/chrony.service`]: { link: '/lib/systemd/system/chrony.service' },
    });
    expect(finding(await checkHost(chrony), 'ntp').data).toEqual({
      daemon: 'chronyd',
      running: null,
      enabled: true,
    });
  });

  it('offline: running is unknown, not false, and processes are not read', async () => {
    const f = finding(await checkHost(host('rhel54-amd-revf')), 'ntp');
    expect(f.data.running).toBeNull();
    expect(f.evidence[0]).toEqual({
      path: host('rhel54-amd-revf/proc'),
      found: 'not looked at: not the running system',
    });
  });

  it('systemd-timesyncd is mentioned but does not count as ntpd or chronyd', async () => {
    const root = await makeRoot({
      'proc/1/comm': 'systemd\n',
      'proc/300/comm': 'systemd-timesyn\n',
      'etc/systemd/system/sysinit.target.wants/systemd-timesyncd.service': {
        link: '/lib/systemd/system/systemd-timesyncd.service',
      },
    });
    const f = finding(await checkHost(root, { live: true }), 'ntp');
    expect(f.status).toBe('action');
    expect(f.evidence.map((e) => e.found)).toEqual(
      expect.arrayContaining([
        'systemd-timesyncd is running (an SNTP client, not ntpd or chronyd)',
        'systemd-timesyncd is enabled (an SNTP client, not ntpd or chronyd)',
      ]),
    );
  });
});
