import path from 'node:path';
import { RootFs } from '../../src/shared/rootfs.js';
import { detectNtp, findNtpFiles, NTP_ADVICE, ntpAdvice } from '../../src/facts/detect/ntp.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('detectNtp', () => {
  it('sees chkconfig start links once although /etc/rc3.d links to /etc/rc.d/rc3.d', async () => {
    const root = fixture('rhel54-x86_64');
    const f = await detectNtp(new RootFs(root));
    expect(f.value).toEqual({ daemon: 'ntpd', installed: true, enabled: true });
    expect(f.source).toBe(
      [
        path.join(root, 'etc/rc.d/rc3.d/S58ntpd'),
        path.join(root, 'etc/rc.d/rc5.d/S58ntpd'),
        path.join(root, 'etc/rc.d/init.d/ntpd'),
        path.join(root, 'usr/sbin/ntpd'),
      ].join(', '),
    );
    expect(f.note).toBe('ntpd starts at boot');
  });

  it('counts rc5 alone (RHEL 3)', async () => {
    expect((await detectNtp(new RootFs(fixture('rhel39-x86')))).value).toEqual({
      daemon: 'ntpd',
      installed: true,
      enabled: true,
    });
  });

  it('says installed but not enabled for a K link only', async () => {
    const f = await detectNtp(new RootFs(fixture('rhel48-i686')));
    expect(f.value).toEqual({ daemon: 'ntpd', installed: true, enabled: false });
    expect(f.note).toBe('ntpd installed, not started at boot');
    expect(ntpAdvice(f.value)).toEqual(['service ntpd start', 'chkconfig ntpd on']);
  });

  it('reads a systemd link to chronyd with an absolute target', async () => {
    const root = fixture('rhel8-aarch64');
    const f = await detectNtp(new RootFs(root));
    expect(f.value).toEqual({ daemon: 'chronyd', installed: true, enabled: true });
    expect(f.source.split(', ')[0]).toBe(
      path.join(root, 'etc/systemd/system/multi-user.target.wants/chronyd.service'),
    );
    expect(ntpAdvice(f.value)).toEqual([]);
  });

  it('reports nothing installed as a known no', async () => {
    const root = fixture('debian12');
    const f = await detectNtp(new RootFs(root));
    expect(f.value).toEqual({ daemon: undefined, installed: false, enabled: false });
    expect(f.source).toContain(path.join(root, 'usr/sbin/ntpd'));
  });

  it('copes with /etc/rc3.d being a file', async () => {
    expect((await detectNtp(new RootFs(fixture('broken')))).value).toEqual({
      daemon: undefined,
      installed: false,
      enabled: false,
    });
  });

  it('is unknown without /etc', async () => {
    const root = await makeRoot({});
    expect(await detectNtp(new RootFs(root))).toEqual({
      value: undefined,
      source: `${path.join(root, 'etc')} (missing): is ${root} a guest root?`,
    });
  });

  it('advises chronyd where only chronyd is installed', async () => {
    const root = await makeRoot({ 'etc/chrony.conf': '', 'usr/sbin/chronyd': '' });
    const f = await detectNtp(new RootFs(root));
    expect(f.value).toEqual({ daemon: 'chronyd', installed: true, enabled: false });
    expect(ntpAdvice(f.value)).toEqual(['systemctl enable --now chronyd']);
  });
});

describe('findNtpFiles', () => {
  it("counts Debian's names: S??ntp and S??chrony links, ntp.service and ntpsec.service", async () => {
    const wants = 'etc/systemd/system/multi-user.target.wants';
    const root = await makeRoot({
      'etc/rc3.d/S02ntp': { link: '../init.d/ntp' },
      'etc/rc5.d/S02chrony': { link: '../init.d/chrony' },
      [`${wants}/ntpsec.service`]: { link: '/lib/systemd/system/ntpsec.service' },
    });
    expect(await findNtpFiles(new RootFs(root))).toEqual({
      enabled: [
        { daemon: 'ntpd', path: path.join(root, 'etc/rc3.d/S02ntp') },
        { daemon: 'chronyd', path: path.join(root, 'etc/rc5.d/S02chrony') },
        { daemon: 'ntpd', path: path.join(root, wants, 'ntpsec.service') },
      ],
      installed: [],
    });
    const ntp = await makeRoot({ [`${wants}/ntp.service`]: { link: '/lib/x' } });
    expect((await detectNtp(new RootFs(ntp))).value).toEqual({
      daemon: 'ntpd',
      installed: false,
      enabled: true,
    });
  });

  it('names an init script once although /etc/init.d links to /etc/rc.d/init.d', async () => {
    const root = await makeRoot({
      'etc/rc.d/init.d/ntpd': '',
      'etc/init.d': { link: 'rc.d/init.d' },
      'lib/systemd/system/chrony.service': '',
    });
    expect((await findNtpFiles(new RootFs(root))).installed).toEqual([
      { daemon: 'ntpd', path: path.join(root, 'etc/rc.d/init.d/ntpd') },
      { daemon: 'chronyd', path: path.join(root, 'lib/systemd/system/chrony.service') },
    ]);
  });
});

describe('ntpAdvice', () => {
  it("is the seed document's two commands", () => {
    expect(NTP_ADVICE).toEqual(['service ntpd start', 'chkconfig ntpd on']);
    expect(ntpAdvice(undefined)).toEqual([...NTP_ADVICE]);
  });

  it('installs first when neither daemon is there: ntp on RHEL 3 to 6, chrony on 7 and later', () => {
    const none = { daemon: undefined, installed: false, enabled: false };
    expect(ntpAdvice(none, { family: 'rhel', release: '5.4' })).toEqual([
      'yum install ntp',
      'chkconfig ntpd on',
      'service ntpd start',
    ]);
    // RHEL 3 and 4 came with up2date; their rebuilds with yum.
    expect(ntpAdvice(none, { family: 'rhel', release: '4.8' })[0]).toBe('up2date ntp');
    expect(ntpAdvice(none, { family: 'centos', release: '4.8' })[0]).toBe('yum install ntp');
    expect(ntpAdvice(none, { family: 'rhel', release: '7.9' })).toEqual([
      'yum install chrony',
      'systemctl enable --now chronyd',
    ]);
  });
});
