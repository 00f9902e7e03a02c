import path from 'node:path';
import { RootFs } from '../../src/shared/rootfs.js';
import {
  detectRelease,
  parseOsRelease,
  parseOsReleaseFields,
  parseReleaseLine,
} from '../../src/facts/detect/release.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('parseReleaseLine', () => {
  it.each([
    ['Red Hat Enterprise Linux Server release 5.4 (Tikanga)', 'rhel', '5.4'],
    ['CentOS release 5.3 (Final)', 'centos', '5.3'],
    ['Red Hat Enterprise Linux AS release 4 (Nahant Update 8)', 'rhel', '4.8'],
    ['Red Hat Enterprise Linux ES release 3 (Taroon Update 9)', 'rhel', '3.9'],
    ['Red Hat Enterprise Linux Server release 5 (Tikanga)', 'rhel', '5.0'],
    ['Enterprise Linux Enterprise Linux Server release 5.4 (Carthage)', 'oracle', '5.4'],
    ['Enterprise Linux Enterprise Linux AS release 4 (October Update 8)', 'oracle', '4.8'],
    ['Scientific Linux SL release 5.4 (Boron)', 'scientific', '5.4'],
    ['Scientific Linux release 6.10 (Carbon)', 'scientific', '6.10'],
    ['Oracle Linux Server release 6.10', 'oracle', '6.10'],
    ['Red Hat Enterprise Linux release 8.2 (Ootpa)', 'rhel', '8.2'],
    ['Red Hat Enterprise Linux Server release 5.11 (Tikanga)', 'rhel', '5.11'],
    ['CentOS Linux release 7.9.2009 (Core)', 'centos', '7.9'],
    ['CentOS release 4.8 (Final)', 'centos', '4.8'],
    ['Red Hat Linux Advanced Server release 2.1AS (Pensacola)', 'rhel', '2.1'],
    ['Rocky Linux release 8.9 (Green Obsidian)', 'rocky', '8.9'],
    ['AlmaLinux release 9.3 (Shamrock Pampas Cat)', 'alma', '9.3'],
  ])('%s -> %s %s', (line, family, release) => {
    expect(parseReleaseLine(line)).toMatchObject({ family, release });
  });

  it('explains an Update N minor release', () => {
    expect(parseReleaseLine('Red Hat Enterprise Linux AS release 4 (Nahant Update 8)')?.note).toBe(
      'Update 8 = 4.8',
    );
  });

  it.each([
    ['Fedora release 39 (Thirty Nine)', 'fedora', '39'],
    ['Red Hat Linux release 9 (Shrike)', 'redhat-linux', '9'],
    ['Amazon Linux release 2 (Karoo)', 'amazon', '2'],
  ])('%s is %s, not a RHEL release', (line, family, version) => {
    const p = parseReleaseLine(line);
    expect(p).toEqual({ family, version });
    expect(p?.release).toBeUndefined();
  });

  it.each(['', 'hello', 'Debian GNU/Linux 12', 'XenServer release 6.5.0-90233c (xenenterprise)'])(
    'does not recognise %j',
    (line) => {
      expect(parseReleaseLine(line)).toBeUndefined();
    },
  );
});

describe('os-release', () => {
  it('unquotes values', () => {
    expect(
      parseOsRelease(
        'ID="rhel"\nVERSION_ID=\'8.2\'\n# comment\nPRETTY_NAME="Say \\"hi\\""\nBAD LINE\n',
      ),
    ).toEqual({ ID: 'rhel', VERSION_ID: '8.2', PRETTY_NAME: 'Say "hi"' });
  });

  it.each([
    [
      { ID: 'rhel', VERSION_ID: '8.2' },
      { family: 'rhel', release: '8.2', version: '8.2' },
    ],
    [
      { ID: 'ol', VERSION_ID: '7.9' },
      { family: 'oracle', release: '7.9' },
    ],
    [
      { ID: 'almalinux', VERSION_ID: '9.3' },
      { family: 'alma', release: '9.3' },
    ],
    [
      { ID: 'centos', VERSION_ID: '7' },
      { family: 'centos', release: '7.0', note: 'VERSION_ID "7" gives no minor release' },
    ],
    [
      { ID: 'debian', VERSION_ID: '12' },
      { family: 'debian', version: '12' },
    ],
    [
      { ID: 'ubuntu', VERSION_ID: '22.04' },
      { family: 'ubuntu', version: '22.04' },
    ],
    [
      { ID: 'sles', VERSION_ID: '15.5' },
      { family: 'suse', version: '15.5' },
    ],
    [
      { ID: 'fedora', VERSION_ID: '39' },
      { family: 'fedora', version: '39' },
    ],
  ])('%j', (fields, expected) => {
    const p = parseOsReleaseFields(fields);
    expect(p).toMatchObject(expected);
    if (!('release' in expected)) expect(p?.release).toBeUndefined();
  });

  it('does not read Amazon Linux 2 as RHEL 2 for all its ID_LIKE=rhel', () => {
    const p = parseOsReleaseFields({ ID: 'amzn', ID_LIKE: 'centos rhel fedora', VERSION_ID: '2' });
    expect(p).toMatchObject({ family: 'amazon', version: '2' });
    expect(p?.release).toBeUndefined();
  });

  it('keeps an unknown ID and its ID_LIKE', () => {
    expect(
      parseOsReleaseFields({ ID: 'eurolinux', ID_LIKE: 'rhel fedora', VERSION_ID: '9.2' }),
    ).toEqual({ family: 'eurolinux', version: '9.2', note: 'ID_LIKE="rhel fedora"' });
  });
});

describe('detectRelease', () => {
  it('reads RHEL 5.4 from redhat-release', async () => {
    const root = fixture('rhel54-x86_64');
    const r = await detectRelease(new RootFs(root));
    const src = path.join(root, 'etc/redhat-release');
    expect(r.release).toEqual({ value: '5.4', source: src });
    expect(r.family).toEqual({ value: 'rhel', source: src });
    expect(r.distro).toEqual({
      value: 'Red Hat Enterprise Linux Server release 5.4 (Tikanga)',
      source: src,
    });
  });

  it.each([
    ['rhel48-i686', '4.8', 'rhel'],
    ['rhel39-x86', '3.9', 'rhel'],
    ['rhel8-aarch64', '8.2', 'rhel'],
  ])('%s is %s', async (name, release, family) => {
    const r = await detectRelease(new RootFs(fixture(name)));
    expect([r.release.value, r.family.value]).toEqual([release, family]);
  });

  it('tells Oracle Linux 6 from the RHEL line it copies', async () => {
    const root = fixture('oracle610');
    const r = await detectRelease(new RootFs(root));
    expect(r.release).toEqual({ value: '6.10', source: path.join(root, 'etc/oracle-release') });
    expect(r.family.value).toBe('oracle');
  });

  it('reports Fedora as Fedora, with no RHEL release', async () => {
    const root = fixture('fedora39');
    const r = await detectRelease(new RootFs(root));
    expect(r.family.value).toBe('fedora');
    expect(r.version.value).toBe('39');
    expect(r.release.value).toBeUndefined();
    expect(r.release.source).toBe(
      `${path.join(root, 'etc/redhat-release')} says "Fedora release 39 (Thirty Nine)", which is not RHEL (fedora): give --release X.Y to treat the guest as RHEL`,
    );
  });

  it('reports Debian from os-release', async () => {
    const root = fixture('debian12');
    const r = await detectRelease(new RootFs(root));
    expect(r.family).toEqual({ value: 'debian', source: path.join(root, 'etc/os-release') });
    expect(r.distro.value).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(r.release.value).toBeUndefined();
  });

  it('falls back to os-release through its ../usr/lib link, and to system-release', async () => {
    const root = await makeRoot({
      'usr/lib/os-release': 'ID=rocky\nVERSION_ID="8.9"\nPRETTY_NAME="Rocky Linux 8.9"\n',
      'etc/os-release': { link: '../usr/lib/os-release' },
    });
    expect((await detectRelease(new RootFs(root))).release).toEqual({
      value: '8.9',
      source: path.join(root, 'etc/os-release'),
    });
    const root2 = await makeRoot({ 'etc/system-release': 'CentOS release 6.10 (Final)\n' });
    expect((await detectRelease(new RootFs(root2))).release).toEqual({
      value: '6.10',
      source: path.join(root2, 'etc/system-release'),
    });
  });

  it('reads SLES 10 SP2 from SuSE-release', async () => {
    const root = await makeRoot({
      'etc/SuSE-release':
        'SUSE Linux Enterprise Server 10 (x86_64)\nVERSION = 10\nPATCHLEVEL = 2\n',
    });
    const r = await detectRelease(new RootFs(root));
    expect([r.family.value, r.version.value, r.release.value]).toEqual(['suse', '10.2', undefined]);
  });

  it('says what it looked at in a broken root, and which flag settles it', async () => {
    const root = fixture('broken');
    const r = await detectRelease(new RootFs(root));
    const at = (p: string): string => path.join(root, p);
    expect(r.release.value).toBeUndefined();
    expect(r.release.source).toBe(
      `not found in ${at('etc/redhat-release')} (is a directory), ${at('etc/os-release')} (empty), ${at('etc/system-release')} (unrecognised: "???garbage?"): give --release X.Y`,
    );
    expect(r.family.value).toBeUndefined();
    // The odd line is kept so the report can show what the guest says.
    expect(r.distro).toEqual({ value: '???garbage?', source: at('etc/system-release') });
  });

  it('lists the three files for an empty root', async () => {
    const root = await makeRoot({});
    const r = await detectRelease(new RootFs(root));
    expect(r.release.source).toBe(
      `not found in ${root}/etc/redhat-release, ${root}/etc/os-release, ${root}/etc/system-release: give --release X.Y`,
    );
  });
});
