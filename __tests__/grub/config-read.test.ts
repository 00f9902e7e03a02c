/**
 * readGrubConfig (src/grub/config.ts) at its edges: a guest root's absolute
 * symlinks are followed inside the root, a missing file names the flag that
 * gives it, and `default saved` without the file beside it is no error.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGrubConfig } from '../../src/grub/config.js';
import { grubTarget } from '../../src/grub/target.js';
import { localAccess } from '../../src/output/guest.js';
import { ToolError } from '../../src/shared/errors.js';
import { grubOptions } from './options.js';

const ENTRY = 'title A\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n';
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-read-'));
  mkdirSync(path.join(root, 'boot/grub'), { recursive: true });
  mkdirSync(path.join(root, 'etc'));
  writeFileSync(path.join(root, 'boot/grub/grub.conf'), `default saved\n${ENTRY}`);
  // As the guest has it: an absolute link, meaningful only inside its root.
  symlinkSync('/boot/grub/grub.conf', path.join(root, 'etc/grub.conf'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readGrubConfig', () => {
  it('--root given: /etc/grub.conf -> /boot/grub/grub.conf is followed inside the root', async () => {
    const grubConf = path.join(root, 'etc/grub.conf');
    const read = await readGrubConfig(
      localAccess(grubOptions({ root, rootGiven: true, grubConf })),
    );
    expect(read.inputError).toBeUndefined();
    expect(read.inputPath).toBe(grubConf);
    expect(read.input?.linkTarget).toBe(path.join(root, 'boot/grub/grub.conf'));
    expect(read.config?.entries).toHaveLength(1);
  });

  it('default saved with no file default beside grub.conf: no saved entry, and no error', async () => {
    const read = await readGrubConfig(localAccess(grubOptions({ root, rootGiven: true })));
    expect(read.inputError).toBeUndefined();
    expect(read.config?.defaults.map((d) => d.value)).toEqual(['saved']);
    expect(read.config).not.toHaveProperty('saved');
  });

  it('a --grub-conf that does not exist: kept as the error, naming the flag', async () => {
    const grubConf = path.join(root, 'nothing.conf');
    const read = await readGrubConfig(localAccess(grubOptions({ grubConf })));
    expect(read).toStrictEqual({
      inputPath: grubConf,
      inputError: new ToolError(
        `cannot read ${grubConf}: no such file (give the file with --grub-conf)`,
      ),
    });
  });
});

describe('grubTarget', () => {
  it('is the target named by --grub-conf, and finds grub.conf under a root', async () => {
    expect(grubTarget.named(grubOptions({ grubConf: 'g.conf' }))).toBe(true);
    expect(grubTarget.named(grubOptions())).toBe(false);
    expect(await grubTarget.locate(root)).toBe(path.join(root, 'boot/grub/grub.conf'));
  });
});
