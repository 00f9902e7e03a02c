/**
 * inspect (src/grub/inspect.ts): --root is checked only when given, and
 * detection is told which kernel the default entry boots.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from '../../src/grub/inspect.js';
import { localAccess } from '../../src/output/guest.js';
import { UsageError } from '../../src/shared/errors.js';
import { grubOptions } from './options.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const UNKNOWN = { release: undefined, arch: undefined, pvclock: undefined, lpj: undefined };

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-inspect-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inspect', () => {
  it('a --root that does not exist is a usage error', async () => {
    const root = path.join(dir, 'missing');
    await expect(inspect(localAccess(grubOptions({ root, rootGiven: true })))).rejects.toThrow(
      new UsageError(`--root ${root}: not a directory (give the guest's mounted root)`),
    );
  });

  it('a root not given is not checked: --grub-conf alone is enough', async () => {
    const grubConf = path.join(dir, 'grub.conf');
    writeFileSync(grubConf, 'title A\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n');
    const ins = await inspect(
      localAccess(grubOptions({ root: path.join(dir, 'missing'), grubConf })),
    );
    expect(ins.config?.entries).toHaveLength(1);
    expect(ins.inputError).toBeUndefined();
  });

  it('the default entry’s kernel decides kvm-clock when the logs do not: 2.6.18-164.el5 has none', async () => {
    const root = path.join(SAMPLES, 'rhel5.4-i686-nokvmclock');
    const ins = await inspect(localAccess(grubOptions({ root, rootGiven: true, ...UNKNOWN })));
    expect(ins.detected?.pvclock).toMatchObject({
      value: false,
      source: 'kernel version 2.6.18-164.el5',
    });
    expect(ins.facts.pvclock.value).toBe(false);
  });
});
