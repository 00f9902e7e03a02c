import path from 'node:path';
import { GuestFs } from '../../src/facts/detect/guest-fs.js';
import { detectNtp, NTP_ADVICE, ntpAdvice } from '../../src/facts/detect/ntp.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('detectNtp', () => {
  it('sees chkconfig start links once although /etc/rc3.d links to /etc/rc.d/rc3.d', async () => {
    const root = fixture('rhel54-x86_64');
    const f = await detectNtp(new GuestFs(root));
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
    expect((await detectNtp(new GuestFs(fixture('rhel39-x86')))).value).toEqual({
      daemon: 'ntpd',
      installed: true,
      enabled: true,
    });
  });

  it('says installed but not enabled for a K link only', async () => {
    const f = await detectNtp(new GuestFs(fixture('rhel48-i686')));
    expect(f.value).toEqual({ daemon: 'ntpd', installed: true, enabled: false });
    expect(f.note).toBe('ntpd installed, not started at boot');
    expect(ntpAdvice(f.value)).toEqual(['service ntpd start', 'chkconfig ntpd on']);
  });

  it('reads a systemd link to chronyd with an absolute target', async () => {
    const root = fixture('rhel8-aarch64');
    const f = await detectNtp(new GuestFs(root));
    expect(f.value).toEqual({ daemon: 'chronyd', installed: true, enabled: true });
    expect(f.source.split(', ')[0]).toBe(
      path.join(root, 'etc/systemd/system/multi-user.target.wants/chronyd.service'),
    );
    expect(ntpAdvice(f.value)).toEqual([]);
  });

  it('reports nothing installed as a known no', async () => {
    const root = fixture('debian12');
    const f = await detectNtp(new GuestFs(root));
    expect(f.value).toEqual({ daemon: undefined, installed: false, enabled: false });
    expect(f.source).toContain(path.join(root, 'usr/sbin/ntpd'));
  });

  it('copes with /etc/rc3.d being a file', async () => {
    expect((await detectNtp(new GuestFs(fixture('broken')))).value).toEqual({
      daemon: undefined,
      installed: false,
      enabled: false,
    });
  });

  it('is unknown without /etc', async () => {
    const root = await makeRoot({});
    expect(await detectNtp(new GuestFs(root))).toEqual({
      value: undefined,
      source: `${path.join(root, 'etc')} (missing): is ${root} a guest root?`,
    });
  });

  it('advises chronyd where only chronyd is installed', async () => {
    const root = await makeRoot({ 'etc/chrony.conf': '', 'usr/sbin/chronyd': '' });
    const f = await detectNtp(new GuestFs(root));
    expect(f.value).toEqual({ daemon: 'chronyd', installed: true, enabled: false });
    expect(ntpAdvice(f.value)).toEqual(['systemctl enable --now chronyd']);
  });
});

describe('ntpAdvice', () => {
  it("is the seed document's two commands", () => {
    expect(NTP_ADVICE).toEqual(['service ntpd start', 'chkconfig ntpd on']);
    expect(ntpAdvice(undefined)).toEqual([...NTP_ADVICE]);
    expect(ntpAdvice({ daemon: undefined, installed: false, enabled: false })).toEqual([
      ...NTP_ADVICE,
    ]);
  });
});
