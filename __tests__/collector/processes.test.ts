import { parseBundle } from '../../src/facts/sources/bundle.js';
import { unpackBundle, type UnpackedBundle } from '../../src/facts/sources/unpack.js';
import { parseCollectedProcesses, scanNtpProcesses } from '../../src/facts/detect/ntp-processes.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { SHELLS, collect, makeRoot, removeTemps, setup, type Setup } from './helpers.js';

// `check` asks whether ntpd or chronyd runs on a guest reached over SSH: the
// collector lists them from /proc/<pid>/stat, which RHEL 3 to 6 kernels have
// (comm arrived in 2.6.33), and says how many processes it saw.
let s: Setup;
const opened: UnpackedBundle[] = [];
beforeAll(async () => {
  s = await setup();
});
afterAll(async () => {
  await Promise.all(opened.map((u) => u.cleanup()));
  await removeTemps();
});

async function collected(argv: string[], root: string): Promise<UnpackedBundle> {
  const out = collect(s, argv, root);
  expect(out.status).toBe(0);
  const un = await unpackBundle(parseBundle(out.stdout.toString('latin1'), 'guest.facts'));
  opened.push(un);
  return un;
}

describe.each(SHELLS)('under $name', (shell) => {
  test('the running daemons, as the scan of the same /proc finds them', async () => {
    const root = await makeRoot({
      'proc/1/stat': '1 (init) S 0 1 1 0 -1 4194560\n',
      'proc/2861/stat': '2861 (ntpd) S 1 2861 2861 0 -1 4202816\n',
      'proc/3001/stat': '3001 (chronyd) S 1 3001 3001 0 -1 4202816\n',
      'proc/3002/stat': '3002 (not ntpd) S 1\n',
      'proc/cmdline': 'ro root=/dev/vda1 notsc\n',
    });
    const un = await collected(shell.argv, root);
    expect(un.live.ntpProcs).toBe('processes 4\n2861 ntpd\n3001 chronyd\n');
    const fromBundle = parseCollectedProcesses(un.live.ntpProcs, 'g:');
    const fromRoot = await scanNtpProcesses(new RootFs(root));
    expect(fromBundle.running).toEqual(fromRoot.running);
    expect(fromBundle.evidence.found).toBe(fromRoot.evidence.found);
  });

  test('no /proc: no processes, which is not "none running"', async () => {
    const root = await makeRoot({ 'etc/redhat-release': 'CentOS release 5.5 (Final)\n' });
    const un = await collected(shell.argv, root);
    expect(un.live.ntpProcs).toBe('processes 0\n');
    expect(parseCollectedProcesses(un.live.ntpProcs, 'g:').running).toBeNull();
  });
});
