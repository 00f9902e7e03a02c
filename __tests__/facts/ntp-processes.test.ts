import { RootFs } from '../../src/shared/rootfs.js';
import { parseCollectedProcesses, scanNtpProcesses } from '../../src/facts/detect/ntp-processes.js';
import { makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('which NTP daemons run, from /proc', () => {
  it('reads comm where the kernel has it, and stat where it has not (RHEL 3 to 6)', async () => {
    const root = await makeRoot({
      'proc/1/comm': 'init\n',
      'proc/17/comm': 'chronyd\n',
      // 2.6.18: no comm; the name is in parentheses, and may hold ") " itself.
      'proc/2861/stat': '2861 (ntpd) S 1 2861 2861 0 -1 4202816 0 0\n',
      'proc/3000/stat': '3000 (a) (ntpd) S 1 3000\n',
      'proc/3100/stat': '3100 (systemd-timesyn) S 1\n',
      'proc/cmdline': 'ro quiet\n',
    });
    const scan = await scanNtpProcesses(new RootFs(root));
    expect(scan.running).toEqual([
      { pid: 17, daemon: 'chronyd' },
      { pid: 2861, daemon: 'ntpd' },
    ]);
    expect(scan.timesyncd).toEqual([3100]);
    expect(scan.evidence.found).toBe('chronyd (pid 17), ntpd (pid 2861)');
  });

  it('says no daemon among the processes, or that there were none to look at', async () => {
    const some = await makeRoot({ 'proc/1/stat': '1 (init) S 0\n' });
    expect((await scanNtpProcesses(new RootFs(some))).evidence.found).toBe(
      'no ntpd or chronyd among 1 processes',
    );
    const none = await makeRoot({ 'proc/cpuinfo': 'processor: 0\n' });
    const scan = await scanNtpProcesses(new RootFs(none));
    expect(scan).toMatchObject({ running: null, evidence: { found: 'no processes listed' } });
    const offline = await makeRoot({ 'etc/hostname': 'x\n' });
    expect((await scanNtpProcesses(new RootFs(offline))).running).toBeNull();
  });
});

describe("the collector's ntp-procs output", () => {
  it('takes the pid and name lines and nothing else', () => {
    const scan = parseCollectedProcesses(
      'processes 212\n2861 ntpd\n99 chronyd\n12 ntpd; rm -rf /\nbanner\n',
      'g54:',
    );
    expect(scan.running).toEqual([
      { pid: 99, daemon: 'chronyd' },
      { pid: 2861, daemon: 'ntpd' },
    ]);
    expect(scan.evidence).toEqual({
      path: 'g54:/proc/*/stat',
      found: 'chronyd (pid 99), ntpd (pid 2861)',
    });
  });

  it('tells none running from not collected and from no processes', () => {
    expect(parseCollectedProcesses('processes 40\n', 'g:').evidence.found).toBe(
      'no ntpd or chronyd among 40 processes',
    );
    expect(parseCollectedProcesses('processes 40\n', 'g:').running).toEqual([]);
    expect(parseCollectedProcesses('processes 0\n', 'g:').running).toBeNull();
    expect(parseCollectedProcesses(undefined, 'g:').evidence.found).toMatch(/^not collected/);
  });
});
