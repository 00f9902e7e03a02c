import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBundle } from '../../src/facts/sources/bundle.js';
import { unpackBundle, type UnpackedBundle } from '../../src/facts/sources/unpack.js';
import { SHELLS, collect, makeRoot, removeTemps, setup, type Setup } from './helpers.js';

// A guest that already holds grub.conf.kvm and its diff (a run was made, or
// install put it in place): the collector sends them, and the bundle they
// are in is read, not refused (a rerun, check and install read such guests).
let s: Setup;
const opened: UnpackedBundle[] = [];
beforeAll(async () => {
  s = await setup();
});
afterAll(async () => {
  await Promise.all(opened.map((u) => u.cleanup()));
  await removeTemps();
});

describe.each(SHELLS)('under $name', (shell) => {
  test('grub.conf.kvm and its diff beside grub.conf come through', async () => {
    const conf = 'default=0\ntitle RHEL\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n';
    const kvm = conf.replace(' ro\n', ' ro notsc\n');
    const root = await makeRoot({
      'boot/grub/grub.conf': conf,
      'boot/grub/grub.conf.kvm': kvm,
      'boot/grub/grub.conf.kvm.diff': '# fix-clock-drift: grub.conf.kvm made from grub.conf\n',
    });
    const out = collect(s, shell.argv, root);
    expect(out.status).toBe(0);
    const bundle = parseBundle(out.stdout.toString('latin1'), 'guest.facts');
    const roles = bundle.records.flatMap((r) =>
      r.kind === 'file' && r.role ? [[r.path, r.role]] : [],
    );
    expect(roles).toEqual(
      expect.arrayContaining([
        ['/boot/grub/grub.conf', 'grub-conf'],
        ['/boot/grub/grub.conf.kvm', 'grub-kvm'],
        ['/boot/grub/grub.conf.kvm.diff', 'grub-kvm-diff'],
      ]),
    );
    const un = await unpackBundle(bundle);
    opened.push(un);
    expect(await readFile(path.join(un.root, 'boot/grub/grub.conf.kvm'), 'latin1')).toBe(kvm);
  });
});
