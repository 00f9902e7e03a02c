/**
 * Finding and reading grub.conf at the stage level: grub.conf before
 * menu.lst, the saved default beside it, what a bad file is refused with,
 * where the outputs go, and the parser's reading of odd entries.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { readGrubConfig } from '../../src/grub/config.js';
import { inspect } from '../../src/grub/inspect.js';
import { findGrubConf, locateGrubConf } from '../../src/grub/locate.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { outputPaths } from '../../src/grub/outputs.js';
import { ToolError } from '../../src/shared/errors.js';
import type { InputFile } from '../../src/shared/input.js';
import { localAccess } from '../../src/output/guest.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function root(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text, 'latin1');
  }
  return dir;
}

const ENTRY = 'title A\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n';
const opts = (r: string, more: Partial<Options> = {}): Options => ({
  ...DEFAULT_OPTIONS,
  root: r,
  ...more,
});

describe('locating grub.conf', () => {
  it('grub.conf before menu.lst, menu.lst when it is alone, none when neither', async () => {
    const both = root({ 'boot/grub/grub.conf': ENTRY, 'boot/grub/menu.lst': ENTRY });
    expect(await findGrubConf(both)).toBe(path.join(both, 'boot/grub/grub.conf'));
    const menu = root({ 'boot/grub/menu.lst': ENTRY });
    expect(await findGrubConf(menu)).toBe(path.join(menu, 'boot/grub/menu.lst'));
    expect(await findGrubConf(root({}))).toBeUndefined();
  });

  it('--grub-conf is taken as given; nothing found is an error naming both paths', async () => {
    expect(await locateGrubConf('/nowhere', '/x/grub.conf')).toBe('/x/grub.conf');
    const empty = root({});
    await expect(locateGrubConf(empty, undefined)).rejects.toThrow(
      new ToolError(
        `no GRUB legacy config under ${empty}: neither ${empty}/boot/grub/grub.conf nor ${empty}/boot/grub/menu.lst exists (give --root or --grub-conf)`,
      ),
    );
  });
});

describe('readGrubConfig', () => {
  it('default saved: the entry number from the file default beside grub.conf', async () => {
    const r = root({
      'boot/grub/grub.conf': `default saved\n${ENTRY}${ENTRY}`,
      'boot/grub/default': '  1 \n#\n',
    });
    const read = await readGrubConfig(localAccess(opts(r)));
    expect(read.config?.saved).toEqual({ entry: 1, source: path.join(r, 'boot/grub/default') });
  });

  it.each([
    ['no number', 'x1\n'],
    ['an empty file', ''],
    ['a number too long', '1234567\n'],
  ])('default saved with %s in the file: no saved entry', async (_, text) => {
    const r = root({ 'boot/grub/grub.conf': `default saved\n${ENTRY}`, 'boot/grub/default': text });
    expect((await readGrubConfig(localAccess(opts(r)))).config?.saved).toBeUndefined();
  });

  it('a numeric default does not read the file', async () => {
    const r = root({ 'boot/grub/grub.conf': `default=0\n${ENTRY}`, 'boot/grub/default': '1\n' });
    expect((await readGrubConfig(localAccess(opts(r)))).config?.saved).toBeUndefined();
  });

  it('a file with NUL bytes, or without titles, is kept as the error, with the path', async () => {
    const bin = root({ 'boot/grub/grub.conf': `${ENTRY}\0` });
    const conf = path.join(bin, 'boot/grub/grub.conf');
    const read = await readGrubConfig(localAccess(opts(bin)));
    expect(read.inputPath).toBe(conf);
    expect(read.config).toBeUndefined();
    expect(read.inputError?.message).toMatch(
      new RegExp(
        `^${conf} is not a usable GRUB config: .*NUL.* \\(check the path, or give the guest's grub\\.conf with --grub-conf\\)$`,
      ),
    );
    const none = root({ 'boot/grub/grub.conf': 'default=0\n' });
    expect((await readGrubConfig(localAccess(opts(none)))).inputError?.message).toBe(
      `${none}/boot/grub/grub.conf has no boot entries (no title lines), so nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`,
    );
  });

  it('no config under the root: the error, and no path', async () => {
    const read = await readGrubConfig(localAccess(opts(root({}))));
    expect(read.inputPath).toBeUndefined();
    expect(read.inputError).toBeInstanceOf(ToolError);
  });
});

describe('inspect', () => {
  it('--root that is not a directory is a usage error', async () => {
    const r = root({ file: 'x' });
    await expect(
      inspect(localAccess(opts(path.join(r, 'file'), { rootGiven: true }))),
    ).rejects.toThrow(`--root ${r}/file: not a directory (give the guest's mounted root)`);
  });

  it('a --grub-conf outside the root is read, and detection skipped with the reason', async () => {
    const r = root({ 'g.conf': ENTRY });
    const ins = await inspect(localAccess(opts('/', { grubConf: path.join(r, 'g.conf') })));
    expect(ins.config?.entries).toHaveLength(1);
    expect(ins.detected).toBeUndefined();
    expect(ins.detectionSkipped).toMatch(/is not under \/boot/);
  });
});

describe('outputPaths', () => {
  const input = (linkTarget?: string): InputFile =>
    ({ bytes: Buffer.alloc(0), mode: 0o600, ...(linkTarget ? { linkTarget } : {}) }) as InputFile;

  it('beside grub.conf by default; beside the link target for a symlink', () => {
    expect(outputPaths(localAccess(opts('/')), input(), '/b/grub.conf')).toEqual({
      real: '/b/grub.conf',
      output: '/b/grub.conf.kvm',
      diffPath: '/b/grub.conf.kvm.diff',
    });
    expect(outputPaths(localAccess(opts('/')), input('/r/grub.conf'), '/b/grub.conf').output).toBe(
      '/r/grub.conf.kvm',
    );
  });

  it('--output and --diff as given; --output - has no diff', () => {
    expect(
      outputPaths(localAccess(opts('/', { output: '/o', diff: '/d' })), input(), '/b/g'),
    ).toEqual({
      real: '/b/g',
      output: '/o',
      diffPath: '/d',
    });
    expect(outputPaths(localAccess(opts('/', { output: '/o' })), input(), '/b/g').diffPath).toBe(
      '/o.diff',
    );
    expect(
      outputPaths(localAccess(opts('/', { output: '-', diff: '/d' })), input(), '/b/g'),
    ).toEqual({
      real: '/b/g',
      output: '-',
    });
  });
});

describe('parseGrubConfig on odd entries', () => {
  it.each([
    [
      'a kernel line naming no image',
      'title a\n\tkernel --no-mem-option\n',
      'none',
      'kernel line names no image',
    ],
    ['a chainloader', 'title w\n\tchainloader   +1  \n', 'none', 'chainloader +1'],
    ['nothing at all', 'title e\n\troot (hd0,0)\n', 'none', 'no kernel line'],
    [
      'a hypervisor whose module is empty',
      'title x\n\tkernel /xen.gz\n\tmodule\n',
      'none',
      'multiboot (/xen.gz) with an empty module line',
    ],
  ])('%s: %s (%s)', (_, text, kind, reason) => {
    expect(parseGrubConfig(text).entries[0]).toMatchObject({ kind, reason });
  });

  it('modules before the kernel line are not the Linux kernel: GRUB drops them when it loads a kernel', () => {
    const e = parseGrubConfig('title x\n\tmodule /old ro\n\tkernel /vmlinuz ro\n').entries[0];
    expect(e).toMatchObject({ kind: 'linux', linuxLine: 2, image: '/vmlinuz' });
  });

  it('Xen: the first module after the kernel is the Linux kernel', () => {
    const e = parseGrubConfig('title x\n\tkernel /xen.gz\n\tmodule /vmlinuz ro\n\tmodule /initrd\n')
      .entries[0];
    expect(e).toMatchObject({
      kind: 'multiboot',
      linuxLine: 2,
      image: '/vmlinuz',
      hypervisor: '/xen.gz',
    });
  });

  it('default lines count only before the first entry; titles lose trailing blanks only', () => {
    const c = parseGrubConfig('default=1\ntitle  A b \t\n\tdefault=0\n\tkernel /v\n');
    expect(c.defaults).toEqual([{ line: 0, value: '1' }]);
    expect(c.entries[0]).toMatchObject({ title: 'A b', titleLine: 1, endLine: 4 });
  });

  it('kernel, module and chainloader lines outside an entry are ignored', () => {
    const c = parseGrubConfig('kernel /v ro\nmodule /m\nchainloader +1\ntitle a\n\tkernel /w\n');
    expect(c.entries).toHaveLength(1);
    expect(c.entries[0]).toMatchObject({ kind: 'linux', linuxLine: 4 });
    expect(c.entries[0]?.kernelLines).toBeUndefined();
  });

  it('a symlinked grub.conf is followed by readGrubConfig', async () => {
    const r = root({ 'boot/grub/real.conf': ENTRY });
    symlinkSync('real.conf', path.join(r, 'boot/grub/grub.conf'));
    const read = await readGrubConfig(localAccess(opts(r)));
    expect(read.input?.linkTarget).toBe(path.join(r, 'boot/grub/real.conf'));
  });
});
