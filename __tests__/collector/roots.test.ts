import { execFileSync } from 'node:child_process';
import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { parseBundle, type Bundle } from '../../src/facts/sources/bundle.js';
import { unpackBundle, type UnpackedBundle } from '../../src/facts/sources/unpack.js';
import { elf } from '../facts/helpers.js';
import { factsOf } from './compare.js';
import { SHELLS, collect, makeRoot, removeTemps, setup, type Setup } from './helpers.js';

// Guest layouts the samples do not have, each through the collector and back.
let s: Setup;
const opened: UnpackedBundle[] = [];
beforeAll(async () => {
  s = await setup();
});
afterAll(async () => {
  await Promise.all(opened.map((u) => u.cleanup()));
  await removeTemps();
});

async function roundTrip(
  argv: string[],
  root: string,
): Promise<{ bundle: Bundle; un: UnpackedBundle }> {
  const out = collect(s, argv, root);
  expect(out.status).toBe(0);
  const bundle = parseBundle(out.stdout.toString('latin1'), 'guest.facts');
  const un = await unpackBundle(bundle);
  opened.push(un);
  return { bundle, un };
}

const GNU = SHELLS.filter((sh) => sh.fakes);
const syslog = (msg: string): string => `Nov 24 10:00:00 guest kernel: ${msg}\n`;
const boot = (version: string, lpj: number): string =>
  syslog(`Linux version ${version} (mockbuild@x)`) +
  syslog(`Calibrating delay loop... 4787.47 BogoMIPS (lpj=${lpj})`);

describe.each(SHELLS)('under $name', (shell) => {
  test('/etc/grub.conf leading to an EFI config: found, with its mode, default file and a read-only mount', async () => {
    const conf = Buffer.from(
      'default=0\r\ntitle Red Hat \xe9\r\n\tkernel /vmlinuz-2.6.32-358.el6.x86_64 ro\r\n',
      'latin1',
    );
    const root = await makeRoot({
      'etc/redhat-release': 'Red Hat Enterprise Linux Server release 6.4 (Santiago)\n',
      'etc/grub.conf': { link: '../boot/efi/EFI/redhat/grub.conf' },
      'boot/efi/EFI/redhat/grub.conf': conf,
      'boot/efi/EFI/redhat/default': '1\n',
      'bin/sh': elf(64, 62),
      'proc/mounts':
        'rootfs / rootfs rw 0 0\n/dev/vda2 / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n/dev/vda1 /boot/efi vfat ro,relatime 0 0\n',
    });
    execFileSync('chmod', ['600', path.join(root, 'boot/efi/EFI/redhat/grub.conf')]);
    const { bundle, un } = await roundTrip(shell.argv, root);
    expect(un.boot).toEqual({
      configPath: '/etc/grub.conf',
      realPath: '/boot/efi/EFI/redhat/grub.conf',
      mode: 0o600,
      uid: 0,
      gid: 0,
      readOnly: true,
      mountPoint: '/boot/efi',
    });
    expect(await readFile(path.join(un.root, 'etc/grub.conf'))).toEqual(conf);
    expect(await readFile(path.join(un.root, 'boot/efi/EFI/redhat/default'), 'latin1')).toBe('1\n');
    expect(bundle.records.flatMap((r) => (r.kind === 'missing' ? [r.path] : []))).toEqual(
      expect.arrayContaining(['/boot/grub/grub.conf', '/boot/grub/menu.lst']),
    );
    expect(await factsOf(un.root)).toEqual(await factsOf(root));
  });

  test("logs with equal mtimes keep detection's order (ties go by name rank, not ls order)", async () => {
    const root = await makeRoot({
      'etc/redhat-release': 'CentOS release 5.5 (Final)\n',
      'var/log/dmesg': boot('2.6.18-194.el5', 1000001),
      'var/log/messages': boot('2.6.18-194.el5', 1000002),
      'var/log/dmesg.old': boot('2.6.18-164.el5', 1000003),
      'var/log/messages.1': boot('2.6.18-164.el5', 1000004),
      'var/log/messages.10': boot('2.6.18-128.el5', 1000005),
      'var/log/messages.2': boot('2.6.18-128.el5', 1000006),
      'var/log/messages.1.gz': 'not read',
      'var/log/messages old': 'an odd name',
      [Buffer.from('var/log/messages-\xe9', 'latin1').toString('latin1')]: 'latin1 name',
    });
    const t = 1_600_000_000;
    const times: [string, number][] = [
      ['dmesg', t],
      ['messages', t],
      ['dmesg.old', t - 5],
      ['messages.1', t - 5],
      ['messages.10', t - 9],
      ['messages.2', t - 9],
    ];
    for (const [n, when] of times) await utimes(path.join(root, 'var/log', n), when, when);
    const { bundle, un } = await roundTrip(shell.argv, root);
    const ages = Object.fromEntries(
      bundle.records.flatMap((r) =>
        r.kind === 'file' && r.age !== undefined ? [[r.path, r.age]] : [],
      ),
    );
    expect(ages).toEqual({
      '/var/log/dmesg': 0,
      '/var/log/messages': 0,
      '/var/log/dmesg.old': 1,
      '/var/log/messages.1': 1,
      '/var/log/messages.10': 2,
      '/var/log/messages.2': 2,
    });
    expect(await factsOf(un.root)).toEqual(await factsOf(root));
  });
});

describe.each(SHELLS)('under $name, a systemd guest', (shell) => {
  test('chrony started by a wants link, os-release behind a link, and a FIFO left out', async () => {
    const root = await makeRoot({
      'usr/lib/os-release':
        'NAME="Rocky Linux"\nID="rocky"\nVERSION_ID="8.9"\nPRETTY_NAME="Rocky Linux 8.9 (Green Obsidian)"\n',
      'etc/os-release': { link: '../usr/lib/os-release' },
      'etc/systemd/system/multi-user.target.wants/chronyd.service': {
        link: '/usr/lib/systemd/system/chronyd.service',
      },
      'usr/lib/systemd/system/chronyd.service': '[Unit]\n',
      'usr/sbin/chronyd': elf(64, 62),
      bin: { link: 'usr/bin' },
      'usr/bin/bash': elf(64, 62),
      'usr/bin/sh': { link: 'bash' },
      'sys/hypervisor': { dir: true },
    });
    execFileSync('mkfifo', [path.join(root, 'sys/hypervisor/type')]);
    const { bundle, un } = await roundTrip(shell.argv, root);
    expect(bundle.records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'link', path: '/bin', target: 'usr/bin' }),
        expect.objectContaining({ kind: 'other', path: '/sys/hypervisor/type' }),
      ]),
    );
    expect(un.skipped).toEqual(['/sys/hypervisor/type (not a regular file or directory)']);
    const facts = (await factsOf(un.root)) as Record<string, { value: unknown; source: string }>;
    expect(facts.ntp!.value).toEqual({ daemon: 'chronyd', installed: true, enabled: true });
    expect(facts.arch!.source).toBe('<root>/bin/sh -> <root>/usr/bin/bash');
    // The FIFO is the one difference: detection says "not a regular file" there, "missing" here.
    const there = (await factsOf(root)) as Record<string, unknown>;
    expect({ ...facts, hypervisor: undefined }).toEqual({ ...there, hypervisor: undefined });
  });
});

describe.each(GNU)('under $name with GNU ls, grep and test', (shell) => {
  test('logs a fraction of a second apart keep their order', async () => {
    const root = await makeRoot({
      'var/log/dmesg': boot('2.6.18-194.el5', 2000001),
      'var/log/dmesg.old': boot('2.6.18-164.el5', 2000002),
      'var/log/messages': boot('2.6.18-128.el5', 2000003),
    });
    // Same second; dmesg.old newest, then messages, then dmesg: not their name order.
    const t = 1_600_000_000;
    await utimes(path.join(root, 'var/log/dmesg.old'), t + 0.9, t + 0.9);
    await utimes(path.join(root, 'var/log/messages'), t + 0.5, t + 0.5);
    await utimes(path.join(root, 'var/log/dmesg'), t + 0.1, t + 0.1);
    const { un } = await roundTrip(shell.argv, root);
    expect(await factsOf(un.root)).toEqual(await factsOf(root));
  });

  test('a log over 1 MiB sends only lines from its last MiB, as detection reads it', async () => {
    const filler =
      'Nov 24 10:00:01 guest sshd[42]: Accepted publickey for root from 10.0.0.1 port 50000\n';
    const big =
      boot('2.6.18-164.el5', 3000001) +
      filler.repeat(Math.ceil((1.5 * 1024 * 1024) / filler.length)) +
      syslog('Switching to clocksource acpi_pm');
    const root = await makeRoot({
      'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.4 (Tikanga)\n',
      'var/log/messages': big,
      'var/log/dmesg': boot('2.6.18-164.el5', 3000002),
    });
    await utimes(path.join(root, 'var/log/dmesg'), 1_600_000_000, 1_600_000_000);
    const { bundle, un } = await roundTrip(shell.argv, root);
    const messages = bundle.records.find(
      (r) => r.kind === 'file' && r.path === '/var/log/messages',
    );
    expect(messages?.kind === 'file' && messages.data.toString('latin1')).toBe(
      syslog('Switching to clocksource acpi_pm'),
    );
    const facts = (await factsOf(un.root)) as { lpj: { value: number } };
    expect(facts.lpj.value).toBe(3000002);
    expect(facts).toEqual(await factsOf(root));
  });
});
