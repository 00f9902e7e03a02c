import path from 'node:path';
import { readCpuInfo, type CpuInfoResult } from '../../src/facts/detect/cpuinfo.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { KernelConfigs } from '../../src/facts/detect/kernel-config.js';
import {
  decideLpj,
  bogomipsHz,
  kernelHz,
  LPJ_DERIVED_NOTE,
  lpjFromBogomips,
} from '../../src/facts/detect/lpj.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

const cpu = (bogomips?: number): CpuInfoResult => ({
  ok: true,
  info:
    bogomips === undefined ? { path: '/g/proc/cpuinfo' } : { path: '/g/proc/cpuinfo', bogomips },
});

describe('lpjFromBogomips', () => {
  it.each([
    [4787.47, 1000, 2393735],
    [5192.19, 250, 10384380],
    [4771.02, 100, 23855100],
  ])('%f BogoMIPS at HZ %i is lpj %i', (b, hz, lpj) => {
    expect(lpjFromBogomips(b, hz)).toBe(lpj);
  });
});

describe('decideLpj', () => {
  it('takes the log line', () => {
    const f = decideLpj(
      {
        lpj: {
          value: 2394605,
          line: 'Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)',
          source: '/g/var/log/dmesg',
          earlierBoot: false,
        },
        looked: [],
      },
      cpu(1),
      { ok: true, hz: 1, source: 'x' },
    );
    expect(f).toEqual({
      value: 2394605,
      source: '/g/var/log/dmesg',
      note: '"Calibrating delay using timer specific routine.. 4789.21 BogoMIPS (lpj=2394605)"',
    });
  });

  it('derives from BogoMIPS and HZ when the log has none', () => {
    const f = decideLpj({ looked: ['/g/var/log/dmesg'] }, cpu(4771.02), {
      ok: true,
      hz: 1000,
      source: '/g/boot/config-2.6.9-89.ELsmp',
    });
    expect(f).toEqual({
      value: 2385510,
      source: '/g/proc/cpuinfo bogomips 4771.02, /g/boot/config-2.6.9-89.ELsmp CONFIG_HZ=1000',
      note: LPJ_DERIVED_NOTE,
    });
    expect(f.note).toBe('derived from BogoMIPS x 500000 / HZ');
  });

  it('says how to get the value when nothing gives it', () => {
    expect(
      decideLpj(
        { looked: ['/g/var/log/dmesg', '/g/var/log/messages'] },
        { ok: false, looked: '/g/proc/cpuinfo' },
        undefined,
      ),
    ).toEqual({
      value: undefined,
      source: `no "Calibrating delay ... (lpj=N)" line in /g/var/log/dmesg, /g/var/log/messages; no BogoMIPS: /g/proc/cpuinfo: give --lpj N (the lpj= of the guest's "Calibrating delay" boot line) or --no-lpj`,
    });
    const noHz = decideLpj({ looked: ['dmesg'] }, cpu(4771.02), {
      ok: false,
      looked: '/g/boot/config-x (no CONFIG_HZ)',
    });
    expect(noHz.value).toBeUndefined();
    expect(noHz.source).toContain('BogoMIPS 4771.02 but no HZ: /g/boot/config-x (no CONFIG_HZ)');
    expect(noHz.source).toMatch(/give --lpj N/);
  });
});

describe('kernelHz', () => {
  it('reads CONFIG_HZ of the named kernel, or of all agreeing configs', async () => {
    const root = fixture('rhel54-x86_64');
    const configs = new KernelConfigs(new RootFs(root));
    expect(await kernelHz(configs, '2.6.18-164.2.1.el5')).toEqual({
      ok: true,
      hz: 1000,
      source: path.join(root, 'boot/config-2.6.18-164.2.1.el5'),
    });
    expect(await kernelHz(configs, undefined)).toMatchObject({ ok: true, hz: 1000 });
  });

  it('knows that RHEL 4 kernels have HZ 1000 without a CONFIG_HZ', async () => {
    const root = await makeRoot({ 'boot/config-2.6.9-89.EL': 'CONFIG_X86=y\n' });
    expect(await kernelHz(new KernelConfigs(new RootFs(root)), '2.6.9-89.EL')).toEqual({
      ok: true,
      hz: 1000,
      source: `${path.join(root, 'boot/config-2.6.9-89.EL')} (RHEL 4: no CONFIG_HZ, HZ is 1000)`,
    });
  });
});

describe('bogomipsHz: the HZ of the kernel that printed the BogoMIPS', () => {
  const configsOf = async (files: Record<string, string>): Promise<KernelConfigs> =>
    new KernelConfigs(new RootFs(await makeRoot(files)));

  it("takes the running kernel's HZ when the default entry boots one of the same HZ", async () => {
    const c = await configsOf({
      'boot/config-2.6.18-194.el5': 'CONFIG_HZ=1000\n',
      'boot/config-2.6.18-238.el5': 'CONFIG_HZ=1000\n',
    });
    expect(await bogomipsHz(c, '2.6.18-194.el5', '2.6.18-238.el5')).toMatchObject({
      ok: true,
      hz: 1000,
      note: "the running kernel 2.6.18-194.el5; the default entry's 2.6.18-238.el5 has the same HZ",
    });
  });

  it('gives no HZ when the running and the default kernels differ in HZ', async () => {
    const c = await configsOf({
      'boot/config-2.6.18-194.el5xen': 'CONFIG_HZ=250\n',
      'boot/config-2.6.18-194.el5': 'CONFIG_HZ=1000\n',
    });
    const r = await bogomipsHz(c, '2.6.18-194.el5xen', '2.6.18-194.el5');
    expect(r.ok).toBe(false);
    expect('looked' in r && r.looked).toMatch(
      /the running kernel 2\.6\.18-194\.el5xen has HZ 250 .* but the default entry's 2\.6\.18-194\.el5 has HZ 1000, so an lpj from these BogoMIPS would not fit it/,
    );
  });

  it('refuses configs that disagree, and reports a config without HZ', async () => {
    const root = await makeRoot({
      'boot/config-a': 'CONFIG_HZ=1000\n',
      'boot/config-b': 'CONFIG_HZ=250\n',
      'boot/config-c': 'CONFIG_X86=y\n',
    });
    const configs = new KernelConfigs(new RootFs(root));
    expect(await kernelHz(configs, undefined)).toEqual({
      ok: false,
      looked: '/boot configs disagree on CONFIG_HZ (b: 250, a: 1000)',
    });
    expect(await kernelHz(configs, 'c')).toEqual({
      ok: false,
      looked: `${path.join(root, 'boot/config-c')} (no CONFIG_HZ)`,
    });
  });

  it('derives lpj for the RHEL 4.8 fixture end to end', async () => {
    const fs = new RootFs(fixture('rhel48-i686'));
    const f = decideLpj(
      { looked: [] },
      await readCpuInfo(fs),
      await kernelHz(new KernelConfigs(fs), '2.6.9-89.ELsmp'),
    );
    expect([f.value, f.note]).toEqual([2385510, LPJ_DERIVED_NOTE]);
  });
});
