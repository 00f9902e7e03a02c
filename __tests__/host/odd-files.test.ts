import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkHost } from '../../src/host/index.js';
import { finding, makeRoot, OPTERON_2218, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('odd files are reported, never thrown or waited on', () => {
  it('a FIFO where cpuspeed should be is refused without blocking', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      'sys/devices/system/cpu/cpu0/cpufreq/scaling_available_frequencies': '2600000\n',
    });
    await mkdir(path.join(root, 'etc/sysconfig'), { recursive: true });
    execFileSync('mkfifo', [path.join(root, 'etc/sysconfig/cpuspeed')]);
    const f = finding(await checkHost(root), 'cpufreq');
    expect(f.status).toBe('unknown');
    expect(f.evidence.at(-1)).toEqual({
      path: path.join(root, 'etc/sysconfig/cpuspeed'),
      found: 'not a regular file',
    });
  });

  it('a directory where /proc/cpuinfo should be', async () => {
    const root = await makeRoot({ 'proc/cpuinfo/x': '' });
    const f = finding(await checkHost(root), 'constant-tsc');
    expect(f).toMatchObject({
      status: 'unknown',
      summary:
        'cannot tell whether the CPUs have constant_tsc: /proc/cpuinfo could not be read (is a directory)',
    });
  });

  it('a symlink loop', async () => {
    const root = await makeRoot({
      'proc/cmdline': { link: '/proc/cmdline' },
      'proc/cpuinfo': OPTERON_2218,
    });
    const f = finding(await checkHost(root), 'max-cstate');
    expect(f.status).toBe('unknown');
    expect(f.evidence[0]?.found).toBe('too many levels of symbolic links');
  });
});
