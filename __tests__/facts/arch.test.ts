import path from 'node:path';
import { archFromKernelVersion, archFromMachine, detectArch } from '../../src/facts/detect/arch.js';
import { parseElfHeader } from '../../src/facts/detect/elf.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { KernelConfigs } from '../../src/facts/detect/kernel-config.js';
import { elf, fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('parseElfHeader', () => {
  it.each([
    [64, 62, true, 'x86_64'],
    [32, 3, true, 'x86'],
    [64, 183, true, 'aarch64'],
    [32, 20, false, 'ppc'],
    [64, 21, false, 'ppc64'],
    [64, 21, true, 'ppc64le'],
    [64, 22, false, 's390'],
    [64, 50, true, 'ia64'],
    [32, 2, false, 'sparc'],
    [64, 43, false, 'sparcv9'],
    [64, 243, true, 'riscv64'],
    [64, 9999, true, 'elf-machine-9999'],
  ] as const)('%i-bit e_machine %i (LE %s) is %s', (bits, machine, le, arch) => {
    expect(parseElfHeader(elf(bits, machine, le))).toEqual({
      ok: true,
      bits,
      littleEndian: le,
      machine,
      arch,
    });
  });

  it('needs only the first 20 bytes', () => {
    expect(parseElfHeader(elf(64, 62).subarray(0, 20))).toMatchObject({ ok: true, arch: 'x86_64' });
  });

  it.each([
    ['empty', Buffer.alloc(0), 'empty'],
    ['a script', Buffer.from('#!/bin/sh\necho hi\n'), 'not an ELF file'],
    ['cut short', elf(64, 62).subarray(0, 10), 'ELF header cut short (10 bytes)'],
    [
      'bad class',
      Buffer.concat([Buffer.from('\x7fELF\x07\x01', 'latin1'), Buffer.alloc(20)]),
      'bad ELF class 7',
    ],
    [
      'bad byte order',
      Buffer.concat([Buffer.from('\x7fELF\x02\x05', 'latin1'), Buffer.alloc(20)]),
      'bad ELF byte order 5',
    ],
  ])('rejects %s', (_name, buf, reason) => {
    expect(parseElfHeader(buf)).toEqual({ ok: false, reason });
  });
});

describe('arch helpers', () => {
  it.each([
    ['i686', 'x86'],
    ['i386', 'x86'],
    ['amd64', 'x86_64'],
    ['x86_64', 'x86_64'],
    ['aarch64', 'aarch64'],
  ])('uname %s is %s', (m, a) => expect(archFromMachine(m)).toBe(a));

  it.each([
    ['2.6.32-754.el6.x86_64', 'x86_64'],
    ['2.6.32-754.el6.i686', 'x86'],
    ['2.6.18-164.el5', undefined],
  ])('kernel %s is %s', (v, a) => expect(archFromKernelVersion(v)).toBe(a));
});

describe('detectArch', () => {
  const detect = (root: string, kernelVersion?: string): ReturnType<typeof detectArch> => {
    const fs = new RootFs(root);
    return detectArch(
      fs,
      new KernelConfigs(fs),
      kernelVersion === undefined ? {} : { kernelVersion },
    );
  };

  it('reads /bin/sh -> bash', async () => {
    const root = fixture('rhel54-x86_64');
    expect(await detect(root)).toEqual({
      value: 'x86_64',
      source: `${root}/bin/sh -> ${root}/bin/bash`,
      note: 'ELF 64-bit LSB, e_machine 62',
    });
  });

  it('reads a 32-bit guest as x86', async () => {
    expect((await detect(fixture('rhel48-i686'))).value).toBe('x86');
  });

  it('follows /bin -> usr/bin and an absolute /usr/bin/sh link inside the root, never onto the host', async () => {
    const root = fixture('rhel8-aarch64');
    // The host's /usr/bin/bash is some other binary; the guest's is aarch64.
    expect(await detect(root)).toEqual({
      value: 'aarch64',
      source: `${root}/bin/sh -> ${root}/usr/bin/bash`,
      note: 'ELF 64-bit LSB, e_machine 183',
    });
  });

  it('falls back to the default kernel config when no binary is ELF', async () => {
    const root = await makeRoot({
      'bin/sh': '#!/bin/busybox\n',
      'boot/config-2.6.18-164.el5': 'CONFIG_X86_32=y\nCONFIG_HZ=1000\n',
    });
    expect(await detect(root, '2.6.18-164.el5')).toEqual({
      value: 'x86',
      source: `${root}/boot/config-2.6.18-164.el5`,
      note: 'CONFIG_X86_32=y',
    });
  });

  it('uses every config when they agree', async () => {
    const root = await makeRoot({
      'boot/config-2.6.18-164.el5': 'CONFIG_X86_64=y\n',
      'boot/config-2.6.18-128.el5': 'CONFIG_X86_64=y\n',
    });
    expect(await detect(root)).toMatchObject({
      value: 'x86_64',
      note: 'CONFIG_X86_64=y in all 2 configs',
    });
  });

  it('reads a RHEL 4 i386 config (no CONFIG_X86_32 in 2.6.9)', async () => {
    const root = await makeRoot({
      'boot/config-2.6.9-89.ELsmp': 'CONFIG_X86=y\n# CONFIG_X86_64 is not set\n',
    });
    expect(await detect(root)).toMatchObject({
      value: 'x86',
      note: 'CONFIG_X86=y without CONFIG_X86_64',
    });
  });

  it('does not guess when configs disagree', async () => {
    const root = await makeRoot({
      'boot/config-a': 'CONFIG_X86_64=y\n',
      'boot/config-b': 'CONFIG_X86_32=y\n',
    });
    const f = await detect(root);
    expect(f.value).toBeUndefined();
    expect(f.source).toContain('/boot configs disagree');
  });

  it('uses the kernel version suffix last', async () => {
    const root = await makeRoot({});
    expect(await detect(root, '2.6.32-754.el6.i686')).toEqual({
      value: 'x86',
      source: 'kernel version 2.6.32-754.el6.i686',
    });
  });

  it('says what it looked at and which flag settles it', async () => {
    const root = fixture('broken');
    const f = await detect(root, '2.6.18-164.el5');
    expect(f.value).toBeUndefined();
    expect(f.source).toBe(
      `not found in ${root}/bin/sh (not an ELF file), ${root}/bin/bash (ELF header cut short (6 bytes)), ${root}/sbin/init (is a directory), ` +
        `${root}/boot/config-2.6.18-164.el5 (not a kernel config): give --arch x86_64|i686`,
    );
  });

  it('never asks the host when the root is not /', async () => {
    const root = await makeRoot({});
    expect(await detect(root)).toEqual({
      value: undefined,
      source: `not found in ${root}/bin/sh, ${root}/bin/bash, ${root}/sbin/init, ${path.join(root, 'boot/config-*')}: give --arch x86_64|i686`,
    });
  });
});
