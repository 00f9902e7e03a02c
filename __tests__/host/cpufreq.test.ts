import { checkHost } from '../../src/host/index.js';
import { finding, makeRoot, OPTERON_2218, remedyLines, removeRoots } from './helpers.js';

afterAll(removeRoots);

const SYS = 'sys/devices/system/cpu';

describe('cpufreq', () => {
  it('pins to the highest value over all cpus, and groups cpus with the same list', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpu0/cpufreq/scaling_available_frequencies`]: '2200000 1000000\n',
      [`${SYS}/cpu1/cpufreq/scaling_available_frequencies`]: '2600000 1000000\n',
      [`${SYS}/cpu2/cpufreq/scaling_available_frequencies`]: '2600000 1000000\n',
      [`${SYS}/cpu3/cpufreq/scaling_available_frequencies`]: '2600000 1000000\n',
      'etc/sysconfig/cpuspeed': 'MIN_SPEED=2200000\nMAX_SPEED=2200000\n',
    });
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('action');
    expect(f.data).toMatchObject({ highestKHz: 2600000, pinned: false });
    expect(f.evidence[1]?.found).toBe(
      '2600000 1000000 (highest 2600000 kHz; the same on cpus 2-3)',
    );
    expect(remedyLines(f)).toEqual([
      'MIN_SPEED=2600000',
      'MAX_SPEED=2600000',
      'service cpuspeed restart',
    ]);
  });

  it('only MAX_SPEED pinned is not pinned', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpu0/cpufreq/scaling_available_frequencies`]: '2600000 1000000\n',
      'etc/sysconfig/cpuspeed': '#MIN_SPEED=2600000\nMAX_SPEED=2600000\n',
    });
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('action');
    expect(f.data).toMatchObject({ minSpeed: null, maxSpeed: '2600000', pinned: false });
    expect(f.evidence.at(-1)?.found).toBe('MIN_SPEED not set; MAX_SPEED=2600000 (line 2)');
  });

  it('cpufreq active but no cpuspeed file: unknown, with the values to set', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpu0/cpufreq/scaling_available_frequencies`]: '2600000 1000000\n',
    });
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('unknown');
    expect(f.summary).toContain(
      'no /etc/sysconfig/cpuspeed to read; the highest available frequency is 2600000 kHz',
    );
    expect(remedyLines(f)).toEqual([
      'MIN_SPEED=2600000',
      'MAX_SPEED=2600000',
      'service cpuspeed restart',
    ]);
  });

  it('a driver that lists no frequencies (intel_pstate): unknown, driver named, no made-up value', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpu0/cpufreq/scaling_driver`]: 'intel_pstate\n',
      'etc/sysconfig/cpuspeed': 'MIN_SPEED=\nMAX_SPEED=\n',
    });
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('unknown');
    expect(f.data).toMatchObject({ cpufreq: 'active', highestKHz: null, pinned: null });
    expect(f.evidence.map((e) => e.found)).toContain('intel_pstate');
    expect(f.remedy).toBeUndefined();
  });

  it('reads a cpufreq directory that is a link to policyN, as on current kernels', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpufreq/policy0/scaling_available_frequencies`]: '2600000 1800000\n',
      [`${SYS}/cpu0/cpufreq`]: { link: '../cpufreq/policy0' },
      'etc/sysconfig/cpuspeed': 'MIN_SPEED=2600000\nMAX_SPEED=2600000\n',
    });
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('ok');
    expect(f.data.pinned).toBe(true);
  });

  it('an absolute link in an offline root is followed inside the root, not on this machine', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      [`${SYS}/cpu0/cpufreq/scaling_available_frequencies`]: '2600000\n',
      'etc/cpuspeed.conf': 'MIN_SPEED=2600000\nMAX_SPEED=2600000\n',
      'etc/sysconfig/cpuspeed': { link: '/etc/cpuspeed.conf' },
    });
    expect(finding(await checkHost(root), 'cpufreq').data.pinned).toBe(true);
  });
});
