import path from 'node:path';
import { RootFs } from '../../src/shared/rootfs.js';
import { KernelConfigs } from '../../src/facts/detect/kernel-config.js';
import type { LogHit } from '../../src/facts/detect/kernel-log.js';
import { decidePvclock } from '../../src/facts/detect/pvclock-decide.js';
import {
  decideClocksource,
  pvclockFromConfig,
  readClocksourceSysfs,
  type ClocksourceSysfs,
  type ConfigAnswer,
} from '../../src/facts/detect/pvclock.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

const SYSFS = '/g/sys/devices/system/clocksource/clocksource0';
const withKvm: ClocksourceSysfs = {
  available: { path: `${SYSFS}/available_clocksource`, names: ['kvm-clock', 'tsc', 'acpi_pm'] },
  looked: [],
};
const withoutKvm: ClocksourceSysfs = {
  available: { path: `${SYSFS}/available_clocksource`, names: ['tsc', 'acpi_pm'] },
  looked: [],
};
const noSysfs: ClocksourceSysfs = {
  looked: [`${SYSFS}/available_clocksource`, `${SYSFS}/current_clocksource`],
};
const RHEL6 = '2.6.32-358.el6.x86_64';
const kvmLine: LogHit<true> = {
  value: true,
  line: 'kvm-clock: cpu 0, msr 0:3f6f81, boot clock',
  source: '/g/var/log/messages',
  kernel: '2.6.18-194.el5',
  earlierBoot: false,
  rank: 1,
};
const tscInstalled: LogHit<string> = {
  value: 'tsc',
  line: 'Time: tsc clocksource has been installed.',
  source: '/g/var/log/messages',
  kernel: '2.6.18-194.el5',
  earlierBoot: false,
  rank: 0,
};
const configYes: ConfigAnswer = {
  ok: true,
  value: true,
  source: `/g/boot/config-${RHEL6}`,
  why: 'CONFIG_KVM_CLOCK=y',
};
const configNo: ConfigAnswer = {
  ok: true,
  value: false,
  source: '/g/boot/config-2.6.32-358.el6.custom',
  why: 'CONFIG_KVM_CLOCK is not set',
};
const rhel5Config: ConfigAnswer = {
  ok: true,
  value: false,
  source: '/g/boot/config-2.6.18-194.el5',
  why: 'no CONFIG_KVM_CLOCK or CONFIG_KVM_GUEST',
  silent: true,
};
const noConfig: ConfigAnswer = { ok: false, looked: `/g/boot/config-${RHEL6}` };

describe('decidePvclock', () => {
  it('trusts sysfs that lists kvm-clock first', () => {
    expect(decidePvclock({ sysfs: withKvm, log: { looked: [] }, config: configNo })).toEqual({
      value: true,
      source: `${SYSFS}/available_clocksource`,
      note: 'available: kvm-clock tsc acpi_pm',
    });
  });

  it('a kernel whose version has no kvm-clock has none, whatever else says', () => {
    expect(
      decidePvclock({
        sysfs: withKvm,
        log: { kvmClock: kvmLine, looked: [] },
        config: configYes,
        defaultKernelVersion: '2.6.18-164.el5',
      }),
    ).toEqual({
      value: false,
      source: 'kernel version 2.6.18-164.el5',
      note: 'RHEL 5 kernels before 2.6.18-164.2.1.el5 (the first 5.4 update) have no kvm-clock',
    });
    expect(
      decidePvclock({
        sysfs: noSysfs,
        log: { looked: [] },
        config: noConfig,
        defaultKernelVersion: '2.6.9-89.ELsmp',
      }).value,
    ).toBe(false);
  });

  it('prefers the default kernel config when sysfs describes another running kernel', () => {
    const f = decidePvclock({
      sysfs: withoutKvm,
      runningKernel: '2.6.32-279.el6.x86_64',
      log: { looked: [] },
      config: configYes,
      defaultKernelVersion: RHEL6,
    });
    expect(f).toEqual({
      value: true,
      source: `/g/boot/config-${RHEL6}`,
      note: `CONFIG_KVM_CLOCK=y; the running kernel 2.6.32-279.el6.x86_64 is not the default entry's ${RHEL6}`,
    });
  });

  it('uses a kvm-clock log line, naming the boot', () => {
    expect(
      decidePvclock({ sysfs: noSysfs, log: { kvmClock: kvmLine, looked: [] }, config: noConfig }),
    ).toEqual({
      value: true,
      source: '/g/var/log/messages',
      note: '"kvm-clock: cpu 0, msr 0:3f6f81, boot clock"; booted 2.6.18-194.el5',
    });
  });

  it('a newer boot on the TSC outweighs an older kvm-clock line: has is not uses', () => {
    const f = decidePvclock({
      sysfs: noSysfs,
      log: { kvmClock: kvmLine, clocksource: tscInstalled, looked: [] },
      config: rhel5Config,
      defaultKernelVersion: '2.6.18-194.el5',
      arch: 'x86_64',
    });
    expect(f).toEqual({
      value: false,
      source: '/g/var/log/messages',
      note: '"Time: tsc clocksource has been installed."; booted 2.6.18-194.el5: that boot used tsc, not kvm-clock; kernel 2.6.18-194.el5 has kvm-clock (RHEL 5 kernels have kvm-clock from 2.6.18-164.2.1.el5 on), so no-kvmclock or a clock= argument kept it off, or the host does not offer it',
    });
  });

  it('RHEL 5 x86_64: a sysfs list without kvm-clock and a config without the option prove nothing', () => {
    const f = decidePvclock({
      sysfs: withoutKvm,
      runningKernel: '2.6.18-194.el5',
      log: { kvmClock: { ...kvmLine, rank: 0 }, looked: [] },
      config: rhel5Config,
      defaultKernelVersion: '2.6.18-194.el5',
      arch: 'x86_64',
    });
    expect(f).toMatchObject({ value: true, source: '/g/var/log/messages' });
    const byVersion = decidePvclock({
      sysfs: withoutKvm,
      runningKernel: '2.6.18-194.el5',
      log: { looked: [] },
      config: rhel5Config,
      defaultKernelVersion: '2.6.18-194.el5',
      arch: 'x86_64',
    });
    expect(byVersion).toMatchObject({ value: true, source: 'kernel version 2.6.18-194.el5' });
    // On 32-bit the same list is the kernel's own answer.
    expect(
      decidePvclock({
        sysfs: withoutKvm,
        runningKernel: '2.6.18-194.el5',
        log: { looked: [] },
        config: rhel5Config,
        defaultKernelVersion: '2.6.18-194.el5',
        arch: 'x86',
      }),
    ).toMatchObject({ value: false, source: `${SYSFS}/available_clocksource` });
  });

  it("ignores a log line from another kernel when the default kernel's config answers", () => {
    const f = decidePvclock({
      sysfs: noSysfs,
      log: { kvmClock: kvmLine, looked: [] },
      config: configNo,
      defaultKernelVersion: '2.6.32-358.el6.custom',
    });
    expect(f.value).toBe(false);
    expect(f.note).toContain("the log's clock lines are from 2.6.18-194.el5");
  });

  it('falls back to the config, then unknown with the flags', () => {
    expect(decidePvclock({ sysfs: noSysfs, log: { looked: [] }, config: configNo })).toEqual({
      value: false,
      source: '/g/boot/config-2.6.32-358.el6.custom',
      note: 'CONFIG_KVM_CLOCK is not set',
    });
    expect(
      decidePvclock({
        sysfs: noSysfs,
        log: { looked: ['/g/var/log/dmesg', '/g/var/log/messages'] },
        config: noConfig,
      }),
    ).toEqual({
      value: undefined,
      source: `no kvm-clock in ${SYSFS}/available_clocksource, /g/var/log/dmesg, /g/var/log/messages, /g/boot/config-${RHEL6}: give --pvclock or --no-pvclock`,
    });
  });
});

describe('pvclockFromConfig', () => {
  const root = fixture('rhel54-x86_64');
  const configs = new KernelConfigs(new RootFs(root));

  it.each(['2.6.18-164.2.1.el5', '2.6.18-164.2.1.el5xen', '2.6.18-128.el5'])(
    '%s (RHEL 5): says nothing either way',
    async (version) => {
      expect(await pvclockFromConfig(configs, version)).toEqual({
        ok: true,
        value: false,
        source: path.join(root, `boot/config-${version}`),
        why: 'no CONFIG_KVM_CLOCK or CONFIG_KVM_GUEST',
        silent: true,
      });
    },
  );

  it('reads CONFIG_KVM_CLOCK of a named kernel, and does not pick one when the configs disagree', async () => {
    const r = await makeRoot({
      [`boot/config-${RHEL6}`]: 'CONFIG_X86_64=y\nCONFIG_KVM_CLOCK=y\n',
      'boot/config-2.6.32-358.el6.custom': 'CONFIG_X86_64=y\n# CONFIG_KVM_CLOCK is not set\n',
    });
    const c = new KernelConfigs(new RootFs(r));
    expect(await pvclockFromConfig(c, RHEL6)).toEqual({
      ok: true,
      value: true,
      source: path.join(r, `boot/config-${RHEL6}`),
      why: 'CONFIG_KVM_CLOCK=y',
    });
    expect(await pvclockFromConfig(c, undefined)).toEqual({
      ok: false,
      looked: `/boot configs disagree (kvm-clock in ${RHEL6} only; which kernel boots is not known)`,
    });
  });

  it('reads CONFIG_KVM_GUEST where CONFIG_KVM_CLOCK is gone', async () => {
    const r = await makeRoot({
      'boot/config-5.14.0-70.el9.x86_64': 'CONFIG_X86_64=y\nCONFIG_KVM_GUEST=y\n',
    });
    expect(await pvclockFromConfig(new KernelConfigs(new RootFs(r)), undefined)).toMatchObject({
      ok: true,
      value: true,
      why: 'CONFIG_KVM_GUEST=y (kvm-clock is part of it)',
    });
  });

  it('reports a missing config and a version that would leave /boot', async () => {
    expect(await pvclockFromConfig(configs, '9.9.9')).toEqual({
      ok: false,
      looked: path.join(root, 'boot/config-9.9.9'),
    });
    expect(await pvclockFromConfig(configs, '../../etc/passwd')).toEqual({
      ok: false,
      looked: '/boot/config-../../etc/passwd (not a kernel version)',
    });
  });
});

describe('sysfs clocksource', () => {
  it('reads available and current', async () => {
    const root = fixture('rhel48-i686');
    const s = await readClocksourceSysfs(new RootFs(root));
    const dir = path.join(root, 'sys/devices/system/clocksource/clocksource0');
    expect(s).toEqual({
      available: {
        path: `${dir}/available_clocksource`,
        names: ['acpi_pm', 'jiffies', 'tsc', 'pit'],
      },
      current: { path: `${dir}/current_clocksource`, name: 'acpi_pm' },
      looked: [],
    });
    expect(decideClocksource(s, { looked: [] })).toEqual({
      value: 'acpi_pm',
      source: `${dir}/current_clocksource`,
    });
  });

  it('reports empty files', async () => {
    const root = fixture('broken');
    const dir = path.join(root, 'sys/devices/system/clocksource/clocksource0');
    const s = await readClocksourceSysfs(new RootFs(root));
    expect(s).toEqual({
      looked: [`${dir}/available_clocksource (empty)`, `${dir}/current_clocksource (empty)`],
    });
    expect(decideClocksource(s, { looked: ['/x/var/log/dmesg'] })).toEqual({
      value: undefined,
      source: `not found in ${dir}/current_clocksource (empty), /x/var/log/dmesg`,
    });
  });

  it('falls back to the last switch in the log', () => {
    const hit: LogHit<string> = {
      value: 'tsc',
      line: 'clocksource: Switched to clocksource tsc',
      source: 'dmesg',
      earlierBoot: false,
    };
    expect(decideClocksource(noSysfs, { clocksource: hit, looked: [] })).toEqual({
      value: 'tsc',
      source: 'dmesg',
      note: '"clocksource: Switched to clocksource tsc"',
    });
  });
});
