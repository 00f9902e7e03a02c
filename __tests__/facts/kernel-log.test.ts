import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { jest } from '@jest/globals';
import { rootSource } from '../../src/facts/sources/root.js';
import {
  kernelMessage,
  LOG_TAIL_BYTES,
  orderLogFiles,
  readKernelLog,
  scanLog,
} from '../../src/facts/detect/kernel-log.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

const RHEL54 = fixture('rhel54-x86_64');

beforeAll(async () => {
  // A checkout gives every file the same age; the rotation order is what a real guest has.
  const day = 86400;
  const now = Date.now() / 1000;
  await utimes(path.join(RHEL54, 'var/log/messages'), now, now);
  await utimes(path.join(RHEL54, 'var/log/messages.1'), now - 14 * day, now - 14 * day);
});

describe('kernelMessage', () => {
  it.each([
    [
      'Nov 24 10:00:00 host kernel: Calibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)',
      true,
      'Calibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)',
    ],
    [
      '2024-01-01T10:00:00.123+00:00 host kernel: [    0.251488] Switched to clocksource kvm-clock',
      true,
      'Switched to clocksource kvm-clock',
    ],
    ['Nov 24 10:00:00 host ntpd[12]: kernel: lpj=1', true, undefined],
    [
      'Jan  5 12:00:00 rhel3 kernel: Calibrating delay loop... 4771.02 BogoMIPS',
      true,
      'Calibrating delay loop... 4771.02 BogoMIPS',
    ],
    ['Nov 24 10:00:00 host root: lpj=1', true, undefined],
    [
      '[    0.000000] kvm-clock: Using msrs 4b564d01 and 4b564d00',
      false,
      'kvm-clock: Using msrs 4b564d01 and 4b564d00',
    ],
    ['<6>Linux version 2.6.18-164.el5', false, 'Linux version 2.6.18-164.el5'],
  ])('%s', (line, syslog, msg) => {
    expect(kernelMessage(line, syslog)).toBe(msg);
  });
});

describe('scanLog', () => {
  it('keeps a preset echo apart from a measurement; first line of a boot only', () => {
    const boots = scanLog(
      [
        'Linux version 2.6.18-164.el5 (mockbuild@x86) #1 SMP',
        'Calibrating delay loop (skipped) preset value.. 5192.19 BogoMIPS (lpj=10384384)',
        'Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)',
      ].join('\n'),
      false,
    );
    expect(boots).toHaveLength(2);
    expect(boots[1]).toMatchObject({
      kernel: '2.6.18-164.el5',
      lpj: {
        value: 2394605,
        line: 'Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)',
      },
      lpjPreset: {
        value: 10384384,
        line: 'Calibrating delay loop (skipped) preset value.. 5192.19 BogoMIPS (lpj=10384384)',
      },
    });
  });

  it.each([
    ['Calibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)', 2393737],
    ['Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)', 2394605],
    [
      'Calibrating delay loop (skipped), value calculated using timer frequency.. 4787.47 BogoMIPS (lpj=2393737)',
      2393737,
    ],
  ])('%s', (line, lpj) => {
    expect(scanLog(line, false)[0]?.lpj?.value).toBe(lpj);
  });

  it('ignores a 2.4 calibration line without lpj', () => {
    expect(scanLog('Calibrating delay loop... 4771.02 BogoMIPS', false)[0]?.lpj).toBeUndefined();
  });

  it.each([
    ['kvm-clock: Using msrs 4b564d01 and 4b564d00', true],
    ['Switching to clocksource kvm-clock', true],
    ['clocksource: Switched to clocksource kvm-clock', true],
    ['kvm-clock: cpu 0, msr 0:3f6f81, boot clock', true],
    ["clocksource: timekeeping watchdog: Marking clocksource 'kvm-clock' as unstable", false],
    ['Switched to clocksource tsc', false],
  ])('%s: kvm-clock %s', (line, seen) => {
    expect(scanLog(line, false)[0]?.kvmClock !== undefined).toBe(seen);
  });

  it('keeps the last clocksource switch of a boot', () => {
    const boots = scanLog(
      '[0.3] clocksource: Switched to clocksource kvm-clock\n[0.4] clocksource: Switched to clocksource tsc\n',
      false,
    );
    expect(boots[0]?.clocksource?.value).toBe('tsc');
    expect(
      scanLog('Time: acpi_pm clocksource has been installed.', false)[0]?.clocksource?.value,
    ).toBe('acpi_pm');
    expect(scanLog('Using pmtmr for high-res timesource', false)[0]?.clocksource?.value).toBe(
      'pmtmr',
    );
  });

  it('prefers "Hypervisor detected" to the DMI line, and ignores "bare hardware"', () => {
    const boots = scanLog(
      'DMI: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.0 04/01/2014\nHypervisor detected: KVM\n',
      false,
    );
    expect(boots[0]?.hypervisor?.value).toBe('KVM');
    expect(
      scanLog(
        'DMI: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020',
        false,
      )[0]?.hypervisor?.value,
    ).toBe('VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform');
    expect(
      scanLog(
        'Booting paravirtualized kernel on bare hardware\nDMI not present or invalid.',
        false,
      )[0]?.hypervisor,
    ).toBeUndefined();
  });

  it('counts only kernel lines in syslog', () => {
    const boots = scanLog(
      'Nov 24 10:05:00 guest root: Calibrating delay loop... 1.00 BogoMIPS (lpj=1) kvm-clock\n',
      true,
    );
    expect(boots).toEqual([{}]);
  });
});

describe('orderLogFiles', () => {
  it('orders by age, then dmesg, messages, messages.N, dated rotations newest first', () => {
    const same = [
      'messages-20240101',
      'messages.2',
      'messages',
      'dmesg.old',
      'messages.1',
      'dmesg',
      'messages-20240201',
    ].map((name) => ({ name, mtime: 5 }));
    expect(orderLogFiles(same).map((f) => f.name)).toEqual([
      'dmesg',
      'messages',
      'dmesg.old',
      'messages.1',
      'messages.2',
      'messages-20240201',
      'messages-20240101',
    ]);
    expect(
      orderLogFiles([
        { name: 'dmesg', mtime: 1 },
        { name: 'messages', mtime: 2 },
      ]).map((f) => f.name),
    ).toEqual(['messages', 'dmesg']);
  });
});

describe('readKernelLog', () => {
  it('takes each fact from the newest boot of the newest file', async () => {
    const log = await readKernelLog(rootSource(RHEL54));
    const messages = path.join(RHEL54, 'var/log/messages');
    expect(log.lpj).toEqual({
      value: 2394605,
      line: 'Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)',
      source: messages,
      kernel: '2.6.18-164.2.1.el5',
      earlierBoot: false,
      rank: 0,
    });
    expect(log.kvmClock).toMatchObject({
      value: true,
      line: 'kvm-clock: cpu 0, msr 0:3f6f81, boot clock',
      kernel: '2.6.18-164.2.1.el5',
      earlierBoot: false,
    });
    expect(log.clocksource).toMatchObject({ value: 'kvm-clock', source: messages });
    expect(log.hypervisor).toBeUndefined();
    expect(log.looked).toEqual([
      path.join(RHEL54, 'var/log/dmesg'),
      `${path.join(RHEL54, 'var/log/messages*')} compressed (not read)`,
      messages,
      path.join(RHEL54, 'var/log/messages.1'),
    ]);
  });

  it('falls back to an earlier boot, and says so', async () => {
    const root = await makeRoot({
      'var/log/dmesg':
        'Linux version 2.6.18-128.el5 (x)\nCalibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)\nLinux version 2.6.18-164.el5 (x)\nkvm-clock: Using msrs 4b564d01 and 4b564d00\n',
    });
    const log = await readKernelLog(rootSource(root));
    expect(log.lpj).toMatchObject({ value: 2393737, kernel: '2.6.18-128.el5', earlierBoot: true });
    expect(log.kvmClock).toMatchObject({ kernel: '2.6.18-164.el5', earlierBoot: false });
  });

  it('reads only the tail of a huge log, then the next file', async () => {
    const filler =
      'Nov 24 11:00:00 guest app: chatter chatter chatter chatter chatter chatter\n'.repeat(
        Math.ceil((LOG_TAIL_BYTES * 1.2) / 70),
      );
    const root = await makeRoot({
      'var/log/messages': `Nov 24 10:00:00 guest kernel: Linux version 2.6.18-164.el5 (x)\nNov 24 10:00:00 guest kernel: Calibrating delay loop... 4787.47 BogoMIPS (lpj=1)\n${filler}`,
      'var/log/dmesg':
        'Linux version 2.6.18-164.el5 (x)\nCalibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)\n',
    });
    const now = Date.now() / 1000;
    await utimes(path.join(root, 'var/log/dmesg'), now - 60, now - 60);
    await utimes(path.join(root, 'var/log/messages'), now, now);
    const log = await readKernelLog(rootSource(root));
    expect(log.lpj).toMatchObject({ value: 2393737, source: path.join(root, 'var/log/dmesg') });
  });

  it('copes with a missing /var/log, an empty dmesg, a directory and a FIFO for logs', async () => {
    const none = await makeRoot({});
    expect(await readKernelLog(rootSource(none))).toEqual({
      looked: [path.join(none, 'var/log/dmesg'), path.join(none, 'var/log/messages')],
    });
    const root = await makeRoot({
      'var/log/dmesg': '',
      'var/log/messages': { dir: true },
      'var/log/messages.1': { fifo: true },
    });
    const log = await readKernelLog(rootSource(root));
    expect(log.lpj).toBeUndefined();
    expect(log.looked).toEqual(
      expect.arrayContaining([
        `${path.join(root, 'var/log/dmesg')} (empty)`,
        `${path.join(root, 'var/log/messages')} (is a directory)`,
        `${path.join(root, 'var/log/messages.1')} (not a regular file)`,
      ]),
    );
  });

  it('never runs dmesg for a root that is not /', async () => {
    const dmesg = jest.fn(async () => 'Calibrating delay loop... 1.00 BogoMIPS (lpj=1)');
    const log = await readKernelLog(rootSource(RHEL54, { live: true, dmesg }));
    expect(dmesg).not.toHaveBeenCalled();
    expect(log.lpj?.value).toBe(2394605);
  });

  it('reads live dmesg first on /', async () => {
    const text = [
      '[    0.000000] Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org)',
      '[    0.000000] Hypervisor detected: KVM',
      '[    0.000000] kvm-clock: Using msrs 4b564d01 and 4b564d00',
      '[    0.251488] Calibrating delay loop (skipped), value calculated using timer frequency.. 5192.19 BogoMIPS (lpj=10384384)',
      '[    0.311924] clocksource: Switched to clocksource kvm-clock',
    ].join('\n');
    const log = await readKernelLog(rootSource('/', { live: true, dmesg: async () => text }));
    expect(log.looked).toEqual(['dmesg']);
    expect(log.lpj).toMatchObject({ value: 10384384, source: 'dmesg', kernel: '6.1.0-13-amd64' });
    expect(log.hypervisor).toMatchObject({ value: 'KVM', source: 'dmesg' });
  });

  it('notes a dmesg that fails and goes on to the files', async () => {
    const log = await readKernelLog(
      rootSource('/', {
        live: true,
        dmesg: () =>
          Promise.reject(new Error('dmesg: read kernel buffer failed: Operation not permitted')),
      }),
    );
    expect(log.looked[0]).toBe(
      'dmesg (failed: dmesg: read kernel buffer failed: Operation not permitted)',
    );
    expect(log.looked.length).toBeGreaterThan(1);
  });
});
