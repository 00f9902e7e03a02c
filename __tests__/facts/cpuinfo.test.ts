import path from 'node:path';
import {
  cpuFlag,
  hypervisorFlagFact,
  parseCpuInfo,
  readCpuInfo,
} from '../../src/facts/detect/cpuinfo.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('parseCpuInfo', () => {
  it('reads the first processor only', () => {
    const info = parseCpuInfo(
      'processor\t: 0\nflags\t\t: fpu tsc constant_tsc hypervisor\nbogomips\t: 5192.19\n\nprocessor\t: 1\nflags\t\t: fpu\nbogomips\t: 1.00\n',
      '/p',
    );
    expect([...(info.flags ?? [])]).toEqual(['fpu', 'tsc', 'constant_tsc', 'hypervisor']);
    expect(info.bogomips).toBe(5192.19);
  });

  it('reads arm64 and s390 BogoMIPS spellings', () => {
    expect(
      parseCpuInfo('processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\n', '/p').bogomips,
    ).toBe(50);
    expect(
      parseCpuInfo('vendor_id       : IBM/S390\nbogomips per cpu: 3241.00\n', '/p').bogomips,
    ).toBe(3241);
  });

  it('ignores malformed values', () => {
    expect(parseCpuInfo('bogomips\t: lots\nbogomips\t: 0\n', '/p')).toEqual({ path: '/p' });
  });
});

describe('cpu flags', () => {
  it('reads constant_tsc and hypervisor from the fixture (RHEL 4 lists neither)', async () => {
    const root = fixture('rhel48-i686');
    const cpu = await readCpuInfo(new RootFs(root));
    const src = path.join(root, 'proc/cpuinfo');
    expect(cpuFlag(cpu, 'constant_tsc')).toEqual({ value: false, source: src });
    expect(hypervisorFlagFact(cpu)).toEqual({
      value: false,
      source: src,
      note: 'kernels before 2.6.2x never list this flag',
    });
  });

  it('says yes when the flags are there', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu tsc constant_tsc nonstop_tsc hypervisor\n',
    });
    const cpu = await readCpuInfo(new RootFs(root));
    expect(cpuFlag(cpu, 'constant_tsc').value).toBe(true);
    expect(hypervisorFlagFact(cpu)).toEqual({
      value: true,
      source: path.join(root, 'proc/cpuinfo'),
    });
  });

  it('is unknown for an empty, missing or flagless cpuinfo', async () => {
    const broken = fixture('broken');
    expect(cpuFlag(await readCpuInfo(new RootFs(broken)), 'constant_tsc')).toEqual({
      value: undefined,
      source: `no constant_tsc flag: ${path.join(broken, 'proc/cpuinfo')} (empty)`,
    });
    const none = await makeRoot({});
    expect(cpuFlag(await readCpuInfo(new RootFs(none)), 'hypervisor')).toEqual({
      value: undefined,
      source: `no hypervisor flag: ${path.join(none, 'proc/cpuinfo')}`,
    });
    const flagless = await makeRoot({ 'proc/cpuinfo': 'processor : 0\n' });
    expect(cpuFlag(await readCpuInfo(new RootFs(flagless)), 'constant_tsc')).toEqual({
      value: undefined,
      source: `no flags line in ${path.join(flagless, 'proc/cpuinfo')}`,
    });
  });
});
