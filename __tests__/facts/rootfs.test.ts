import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure, readUpTo, RootFs } from '../../src/shared/rootfs.js';
import { CLI, tempDir } from '../helpers/cli.js';
import { isRoot, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('RootFs.resolve', () => {
  it('resolves an absolute symlink inside the root, not on the host', async () => {
    const root = await makeRoot({
      'usr/bin/bash': 'guest bash',
      'usr/bin/sh': { link: '/usr/bin/bash' },
      bin: { link: 'usr/bin' },
    });
    const fs = new RootFs(root);
    expect(await fs.resolve('/bin/sh')).toEqual({
      ok: true,
      path: path.join(root, 'usr/bin/bash'),
    });
    const r = await fs.readText('/bin/sh', { max: 100 });
    expect(r.ok && r.text).toBe('guest bash');
  });

  it('keeps ".." at the root, as a chroot does', async () => {
    const root = await makeRoot({ 'etc/hosts': 'h', 'etc/up': { link: '../../../../etc/hosts' } });
    const fs = new RootFs(root);
    expect(await fs.resolve('/etc/up')).toEqual({ ok: true, path: path.join(root, 'etc/hosts') });
    expect(await fs.resolve('/../../etc/hosts')).toEqual({
      ok: true,
      path: path.join(root, 'etc/hosts'),
    });
  });

  it('reports a symlink loop instead of spinning', async () => {
    const root = await makeRoot({ 'etc/a': { link: 'b' }, 'etc/b': { link: '/etc/a' } });
    const r = await new RootFs(root).readText('/etc/a', { max: 10 });
    expect(r).toMatchObject({
      ok: false,
      reason: 'too many levels of symbolic links',
      missing: false,
    });
  });

  it('reports a missing file and a file used as a directory as missing', async () => {
    const root = await makeRoot({ 'etc/passwd': 'x' });
    const fs = new RootFs(root);
    expect(await fs.resolve('/etc/nothing')).toMatchObject({
      ok: false,
      reason: 'missing',
      missing: true,
      path: path.join(root, 'etc/nothing'),
    });
    expect(await fs.resolve('/etc/passwd/x')).toMatchObject({ ok: false, missing: true });
  });

  it('gives a nonexistent root missing files, not errors', async () => {
    const fs = new RootFs('/nonexistent/fcd-root');
    expect(await fs.readText('/etc/redhat-release', { max: 10 })).toMatchObject({
      ok: false,
      missing: true,
      path: '/nonexistent/fcd-root/etc/redhat-release',
    });
  });
});

describe('RootFs.read', () => {
  it('refuses a directory in place of a file', async () => {
    const root = await makeRoot({ 'etc/redhat-release': { dir: true } });
    const r = await new RootFs(root).read('/etc/redhat-release', { max: 10 });
    expect(r).toMatchObject({ ok: false, reason: 'is a directory', missing: false });
    if (!r.ok)
      expect(describeFailure(r)).toBe(`${path.join(root, 'etc/redhat-release')} (is a directory)`);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    const root = await makeRoot({ 'var/log/messages': { fifo: true } });
    const r = await new RootFs(root).read('/var/log/messages', { max: 10, tail: true });
    expect(r).toMatchObject({ ok: false, reason: 'not a regular file' });
  });

  it('reads at most max bytes from the head, and the last max bytes with tail', async () => {
    const root = await makeRoot({ log: 'line1\nline2\nline3\n' });
    const fs = new RootFs(root);
    const head = await fs.readText('/log', { max: 8 });
    expect(head).toMatchObject({ ok: true, text: 'line1\nli', truncated: true });
    const end = await fs.readText('/log', { max: 8, tail: true });
    expect(end).toMatchObject({ ok: true, text: '2\nline3\n', truncated: true });
    const whole = await fs.readText('/log', { max: 100, tail: true });
    expect(whole).toMatchObject({ ok: true, text: 'line1\nline2\nline3\n', truncated: false });
  });

  it('tells a file of exactly max bytes from a longer one, without trusting its size', async () => {
    const root = await makeRoot({ eight: '12345678', nine: '123456789' });
    const fs = new RootFs(root);
    expect(await fs.readText('/eight', { max: 8 })).toMatchObject({
      text: '12345678',
      truncated: false,
    });
    expect(await fs.readText('/nine', { max: 8 })).toMatchObject({
      text: '12345678',
      truncated: true,
    });
  });

  it('reads text as latin1 when asked, every byte kept', async () => {
    const root = await makeRoot({ 'etc/x': Buffer.from([0x41, 0xe9, 0xff, 0x0a]) });
    const fs = new RootFs(root);
    expect(await fs.readText('/etc/x', { max: 10, encoding: 'latin1' })).toMatchObject({
      text: 'A\u00e9\u00ff\n',
    });
    expect(await fs.readText('/etc/x', { max: 10 })).toMatchObject({
      text: 'A\ufffd\ufffd\n',
    });
  });

  it('reads a file whose size says 0, as /proc files do, whole', async () => {
    expect(statSync('/proc/version').size).toBe(0);
    const r = await new RootFs('/').read('/proc/version', { max: 1 << 20 });
    expect(r).toMatchObject({ ok: true, truncated: false });
    expect(r.ok && r.data.toString('latin1')).toBe(readFileSync('/proc/version', 'latin1'));
  });

  it('grows its buffer past what the size said, up to what was asked, and no further', () => {
    const file = path.join(tempDir(), 'grown');
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    try {
      // A size of 0 (as /proc reports), then one smaller than the file (a file still growing).
      for (const size of [0, 1000]) {
        expect(readUpTo(fd, 0, 200_001, size).equals(bytes.subarray(0, 200_001))).toBe(true);
        expect(readUpTo(fd, 0, 400_000, size).equals(bytes)).toBe(true);
        expect(readUpTo(fd, 250_000, 60_000, size).equals(bytes.subarray(250_000))).toBe(true);
      }
      expect(readUpTo(fd, 0, 10, 300_000).equals(bytes.subarray(0, 10))).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it('reads an empty file as empty', async () => {
    const root = await makeRoot({ 'proc/cpuinfo': '' });
    expect(await new RootFs(root).readText('/proc/cpuinfo', { max: 10 })).toMatchObject({
      ok: true,
      text: '',
      truncated: false,
    });
  });

  it('reports a mode-000 file as permission denied', async () => {
    const root = await makeRoot({
      'etc/redhat-release': 'x',
      'boot/grub/grub.conf': 'title x\n\tkernel /vmlinuz ro\n',
    });
    await chmod(path.join(root, 'etc/redhat-release'), 0);
    if (!isRoot) {
      expect(await new RootFs(root).read('/etc/redhat-release', { max: 10 })).toMatchObject({
        ok: false,
        reason: 'permission denied',
      });
      return;
    }
    // Root reads mode-000 files, so the check runs as nobody, through the built CLI.
    await chmod(root, 0o755);
    await chmod(path.dirname(root), 0o1777).catch(() => undefined);
    const r = spawnSync(
      'runuser',
      [
        '-u',
        'nobody',
        '--',
        process.execPath,
        CLI,
        '--root',
        root,
        '--dry-run',
        '--json',
        '--yes',
        '--params',
        'notsc',
      ],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(r.stdout) as { facts?: { sources: { release: { source: string } } } };
    expect(report.facts?.sources.release.source).toMatch(
      /etc\/redhat-release \(permission denied\)/,
    );
  });
});

describe('RootFs.exists and list', () => {
  it('sees a dangling systemd link only without following it', async () => {
    const root = await makeRoot({
      'etc/wants/ntpd.service': { link: '/usr/lib/systemd/system/ntpd.service' },
    });
    const fs = new RootFs(root);
    expect(await fs.exists('/etc/wants/ntpd.service', false)).toBe(true);
    expect(await fs.exists('/etc/wants/ntpd.service')).toBe(false);
    expect(await fs.exists('/etc/wants/chronyd.service', false)).toBe(false);
  });

  it('lists a directory reached through a link, with its real path', async () => {
    const root = await makeRoot({
      'etc/rc.d/rc3.d/S58ntpd': '',
      'etc/rc3.d': { link: 'rc.d/rc3.d' },
    });
    const l = await new RootFs(root).list('/etc/rc3.d');
    expect(l).toMatchObject({
      ok: true,
      path: path.join(root, 'etc/rc3.d'),
      real: path.join(root, 'etc/rc.d/rc3.d'),
      names: ['S58ntpd'],
    });
  });
});
