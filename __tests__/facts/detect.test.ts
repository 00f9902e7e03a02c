import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { detectFacts, ruleArch } from '../../src/facts/detect/index.js';
import type { FactSource } from '../../src/facts/source.js';
import { rootSource } from '../../src/facts/sources/root.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

const RHEL54 = fixture('rhel54-x86_64');

beforeAll(async () => {
  const now = Date.now() / 1000;
  await utimes(path.join(RHEL54, 'var/log/messages'), now, now);
  await utimes(path.join(RHEL54, 'var/log/messages.1'), now - 86400 * 14, now - 86400 * 14);
});

describe('detectFacts', () => {
  it('reads an offline RHEL 5.4 x86_64 disk', async () => {
    const f = await detectFacts(rootSource(RHEL54), {
      defaultKernelVersion: '2.6.18-164.2.1.el5',
    });
    const messages = path.join(RHEL54, 'var/log/messages');
    expect(f.root).toBe(RHEL54);
    expect(f.release).toEqual({ value: '5.4', source: path.join(RHEL54, 'etc/redhat-release') });
    expect(f.family.value).toBe('rhel');
    expect(f.distro.value).toBe('Red Hat Enterprise Linux Server release 5.4 (Tikanga)');
    expect(f.arch).toMatchObject({
      value: 'x86_64',
      source: `${RHEL54}/bin/sh -> ${RHEL54}/bin/bash`,
    });
    expect(f.pvclock).toMatchObject({
      value: true,
      source: messages,
      note: '"kvm-clock: cpu 0, msr 0:3f6f81, boot clock"; booted 2.6.18-164.2.1.el5',
    });
    expect(f.clocksource).toMatchObject({ value: 'kvm-clock', source: messages });
    expect(f.lpj).toMatchObject({ value: 2394605, source: messages });
    expect(f.ntp.value).toEqual({ daemon: 'ntpd', installed: true, enabled: true });
    // An offline disk has no /proc or /sys: unknown, with what was looked at.
    expect(f.constantTsc).toEqual({
      value: undefined,
      source: `no constant_tsc flag: ${path.join(RHEL54, 'proc/cpuinfo')}`,
    });
    expect(f.hypervisorFlag.value).toBeUndefined();
    // No DMI offline, but kvm-clock ran in the last boot: that boot was on KVM.
    expect(f.hypervisor).toEqual({
      value: 'kvm',
      source: messages,
      note: '"kvm-clock: cpu 0, msr 0:3f6f81, boot clock": kvm-clock runs only on KVM',
    });
  });

  it("answers kvm-clock for the default entry's kernel, not the one that last booted", async () => {
    // The log's kvm-clock line is from 2.6.18-164.2.1.el5; the 5.4 GA kernel has no kvm-clock.
    const f = await detectFacts(rootSource(RHEL54), { defaultKernelVersion: '2.6.18-164.el5' });
    expect(f.pvclock).toEqual({
      value: false,
      source: 'kernel version 2.6.18-164.el5',
      note: 'RHEL 5 kernels before 2.6.18-164.2.1.el5 (the first 5.4 update) have no kvm-clock',
    });
  });

  it('reads kvm-clock of a RHEL 5 x86_64 kernel from the log and the version, never from its config', async () => {
    const root = await makeRoot({
      'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.5 (Tikanga)\n',
      'boot/config-2.6.18-194.el5': 'CONFIG_X86_64=y\nCONFIG_HZ=1000\n',
      'var/log/dmesg':
        'Linux version 2.6.18-194.el5 (mockbuild@x) #1 SMP\nTime: tsc clocksource has been installed.\n',
    });
    // The newest boot installed the TSC and logged no kvm-clock line: not on kvm-clock.
    const tsc = await detectFacts(rootSource(root), { defaultKernelVersion: '2.6.18-194.el5' });
    expect(tsc.pvclock.value).toBe(false);
    expect(tsc.pvclock.note).toMatch(
      /that boot used tsc, not kvm-clock; kernel 2\.6\.18-194\.el5 has kvm-clock/,
    );
    const none = await makeRoot({
      'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.5 (Tikanga)\n',
      'boot/config-2.6.18-194.el5': 'CONFIG_X86_64=y\nCONFIG_HZ=1000\n',
    });
    // Nothing ran: the version tells that the kernel has it, and says the host's part is not known.
    const byVersion = await detectFacts(rootSource(none), {
      defaultKernelVersion: '2.6.18-194.el5',
    });
    expect(byVersion.pvclock).toEqual({
      value: true,
      source: 'kernel version 2.6.18-194.el5',
      note: 'RHEL 5 kernels have kvm-clock from 2.6.18-164.2.1.el5 on; no sysfs file or log line tells whether the host offers it',
    });
  });

  it('reads a RHEL 4.8 i686 snapshot with /proc and /sys, deriving lpj', async () => {
    const root = fixture('rhel48-i686');
    const f = await detectFacts(rootSource(root), { defaultKernelVersion: '2.6.9-89.ELsmp' });
    expect([f.release.value, f.arch.value, f.pvclock.value, f.clocksource.value]).toEqual([
      '4.8',
      'x86',
      false,
      'acpi_pm',
    ]);
    expect(f.lpj).toEqual({
      value: 2385510,
      source: `${path.join(root, 'proc/cpuinfo')} bogomips 4771.02, ${path.join(root, 'boot/config-2.6.9-89.ELsmp')} CONFIG_HZ=1000`,
      note: "derived from BogoMIPS x 500000 / HZ (the BogoMIPS taken to be from the default entry's kernel 2.6.9-89.ELsmp)",
    });
    expect([f.constantTsc.value, f.hypervisorFlag.value, f.hypervisor.value]).toEqual([
      false,
      false,
      'kvm',
    ]);
    expect(f.ntp.value).toEqual({ daemon: 'ntpd', installed: true, enabled: false });
  });

  it('leaves lpj unknown for RHEL 3.9 (2.4 kernels log none) and says how to get it', async () => {
    const root = fixture('rhel39-x86');
    const f = await detectFacts(rootSource(root), {});
    expect([f.release.value, f.arch.value]).toEqual(['3.9', 'x86']);
    expect(f.lpj.value).toBeUndefined();
    expect(f.lpj.source).toMatch(
      /^no "Calibrating delay \.\.\. \(lpj=N\)" line in .*\/var\/log\/dmesg, .*\/var\/log\/messages; .*: give --lpj N/,
    );
    expect(f.pvclock.source).toMatch(/: give --pvclock or --no-pvclock$/);
  });

  it('reports Debian and Fedora as what they are', async () => {
    const debian = await detectFacts(rootSource(fixture('debian12')), {});
    expect([
      debian.family.value,
      debian.version.value,
      debian.release.value,
      debian.arch.value,
    ]).toEqual(['debian', '12', undefined, 'x86_64']);
    const fedora = await detectFacts(rootSource(fixture('fedora39')), {});
    expect([fedora.family.value, fedora.release.value]).toEqual(['fedora', undefined]);
    expect(fedora.release.source).toContain('which is not RHEL (fedora)');
  });

  it('reports aarch64 by name, which the rule tables then refuse', async () => {
    const f = await detectFacts(rootSource(fixture('rhel8-aarch64')), {});
    expect(f.arch).toMatchObject({ value: 'aarch64', note: 'ELF 64-bit LSB, e_machine 183' });
    expect(ruleArch(f.arch).value).toBeUndefined();
    expect(ruleArch(f.arch).source).toMatch(
      /the guest is aarch64 .*; the tables cover x86_64 and x86 only/,
    );
  });

  it('never throws on a broken root, and every unknown says what was looked at', async () => {
    const root = fixture('broken');
    // A version that tells nothing about kvm-clock by itself.
    const f = await detectFacts(rootSource(root), { defaultKernelVersion: '2.6.18-999.custom' });
    for (const key of [
      'release',
      'family',
      'arch',
      'pvclock',
      'clocksource',
      'lpj',
      'constantTsc',
      'hypervisorFlag',
      'hypervisor',
    ] as const) {
      expect([key, f[key].value]).toEqual([key, undefined]);
      expect(f[key].source).toContain(root);
    }
    expect(f.release.source).toMatch(/give --release X\.Y$/);
    expect(f.arch.source).toMatch(/give --arch x86_64\|i686$/);
    expect(f.lpj.source).toContain(`${path.join(root, 'var/log/messages')} (is a directory)`);
  });

  it('does not hang on FIFOs where files belong', async () => {
    const fifo = { fifo: true } as const;
    const root = await makeRoot({
      'etc/redhat-release': fifo,
      'bin/sh': fifo,
      'proc/cpuinfo': fifo,
      'var/log/messages': fifo,
      'sys/class/dmi/id/sys_vendor': fifo,
      'boot/config-2.6.18-164.el5': fifo,
    });
    const f = await detectFacts(rootSource(root), { defaultKernelVersion: '2.6.18-164.el5' });
    expect(f.release.source).toContain('(not a regular file)');
    expect(f.arch.value).toBeUndefined();
    expect(f.lpj.value).toBeUndefined();
  });

  it('never throws for a root that does not exist', async () => {
    const f = await detectFacts(rootSource('/nonexistent/fcd-guest'), {});
    expect(f.root).toBe('/nonexistent/fcd-guest');
    expect(f.release.value).toBeUndefined();
    expect(f.arch.value).toBeUndefined();
    expect(f.ntp.value).toBeUndefined();
  });

  it("reads the running system at / (dmesg stubbed), with the host's answers", async () => {
    const dmesg = async (): Promise<string> =>
      '[    0.251488] Calibrating delay loop (skipped), value calculated using timer frequency.. 5192.19 BogoMIPS (lpj=10384384)\n';
    const f = await detectFacts(rootSource('/', { live: true, dmesg }));
    expect(f.root).toBe('/');
    expect(f.lpj).toMatchObject({ value: 10384384, source: 'dmesg' });
    expect(f.arch.value).toEqual(expect.any(String));
  });

  it('does not take a preset echo for a measured lpj, and says so', async () => {
    const root = await makeRoot({
      'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.5 (Tikanga)\n',
      'var/log/messages':
        'Nov 20 10:00:00 g kernel: Linux version 2.6.18-194.el5 (m@x) #1 SMP\n' +
        'Nov 20 10:00:00 g kernel: Calibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)\n',
    });
    const preset =
      'Linux version 2.6.18-194.el5 (m@x) #1 SMP\nCalibrating delay loop (skipped) preset value.. 4788.00 BogoMIPS (lpj=2394000)\n';
    const source: FactSource = {
      files: new RootFs(root),
      live: true,
      dmesg: async () => preset,
      runningKernel: '2.6.18-194.el5',
    };
    // An earlier boot's measurement is preferred to the newest boot's echo.
    const f = await detectFacts(source, { defaultKernelVersion: '2.6.18-194.el5' });
    expect(f.lpj).toMatchObject({ value: 2393737, source: path.join(root, 'var/log/messages') });
    // With no measurement anywhere, lpj is not known, and the echo is named as what it is.
    const only = await detectFacts(
      { ...source, files: new RootFs(await makeRoot({ 'etc/redhat-release': 'x\n' })) },
      {},
    );
    expect(only.lpj.value).toBeUndefined();
    expect(only.lpj.source).toContain(
      'echoes a preset, not a measurement ("Calibrating delay loop (skipped) preset value.. 4788.00 BogoMIPS (lpj=2394000)", dmesg: lpj=2394000 was on that boot\'s kernel line)',
    );
  });
});

describe('ruleArch', () => {
  it('passes x86_64 and x86 through', () => {
    expect(ruleArch({ value: 'x86', source: '/bin/sh' })).toEqual({
      value: 'x86',
      source: '/bin/sh',
    });
    expect(ruleArch({ value: undefined, source: 'not found' })).toEqual({
      value: undefined,
      source: 'not found',
    });
  });
});
