import { lstat, mkdir, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '../../src/shared/errors.js';
import { parseBundle } from '../../src/facts/sources/bundle.js';
import { unpackBundle } from '../../src/facts/sources/unpack.js';
import { removeTemps, tempDir, writeBundle, type TestRecord } from './helpers.js';

// Bundles are untrusted: each of these is refused with one line, or unpacked
// with everything kept inside the private directory. TMPDIR points into a
// fresh directory beside a sentinel one (the parent given to unpackBundle),
// so anything written elsewhere shows.
let base: string;
let tmp: string;
let sentinel: string;

beforeAll(async () => {
  base = await realpath(await tempDir('fcd-hostile-'));
  tmp = path.join(base, 'tmp');
  sentinel = path.join(base, 'sentinel');
  await mkdir(tmp);
  await mkdir(sentinel);
});
afterAll(removeTemps);
afterEach(async () => {
  expect(await readdir(sentinel)).toEqual([]);
  expect((await readdir(base)).sort()).toEqual(['sentinel', 'tmp']);
  expect(await readdir(tmp)).toEqual([]);
});

const file = (p: string, data = 'x\n'): TestRecord => ({
  kind: 'file',
  attrs: 'mode=644 uid=0 gid=0 part=whole',
  p,
  data: Buffer.from(data, 'latin1'),
});
const hex = (s: string): string => `x:${Buffer.from(s, 'latin1').toString('hex')}`;

function refused(text: string): string {
  try {
    parseBundle(text, 'evil.facts');
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('accepted');
}

async function unpackRefused(text: string): Promise<string> {
  const bundle = parseBundle(text, 'evil.facts');
  const err = await unpackBundle(bundle, { parent: tmp }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolError);
  expect((err as Error).message).not.toContain('\n');
  return (err as Error).message;
}

describe('a hostile bundle', () => {
  test.each([
    ['a ".." component', file('/etc/../../x'), /its path is refused: it has a "\.\." component/],
    ['an absolute path after the leading slash', file('//etc/passwd'), /it has an empty component/],
    ['a relative path', file('etc/passwd'), /its path is refused: it is not absolute/],
    ['a NUL byte', file(hex('/etc/pass\0wd')), /its path is refused: it contains a NUL byte/],
    ['a path that is bad hex', file('x:2f6'), /its path \("p" line\): its hex form is not hex/],
    ['characters the collector would have hex-encoded', file('/etc/a b'), /hex-encodes/],
    ['no path', { kind: 'file', attrs: 'part=whole' }, /it has no path/],
    ['a file at the root itself', file('/'), /it is the root itself/],
    [
      'a bad mode',
      { ...file('/etc/x'), attrs: 'mode=999 part=whole' },
      /mode=999 is not an octal mode/,
    ],
    ['an unknown kind', { kind: 'fifo', p: '/etc/x' }, /its kind "fifo" is unknown/],
    [
      'data on a link',
      { kind: 'link', p: '/a', t: 'b', data: Buffer.from('x') },
      /carries no data/,
    ],
    [
      'a file bigger than any detection reads',
      file('/var/log/messages', 'x'.repeat(1024 * 1024 + 1)),
      /holds more than 1048576 bytes/,
    ],
  ])('with %s is refused', (_, record, why) => {
    expect(refused(writeBundle([record]))).toMatch(why);
  });

  test('claiming a huge record count, or holding too many records, is refused', () => {
    expect(refused(writeBundle([file('/etc/x')], { count: 999999999 }))).toMatch(
      /it holds 2 records where its end line says 999999999/,
    );
    const many = Array.from({ length: 4100 }, (_, i) => ({ kind: 'missing', p: `/m${i}` }));
    expect(refused(writeBundle(many))).toMatch(/more than 4096 records/);
  });

  test('in another format, or far too long, is refused', () => {
    expect(refused(writeBundle([], { format: 2 }))).toMatch(
      /it is in format 2 \(collector test\); this fix-clock-drift reads format 1/,
    );
    expect(refused('x'.repeat(60 * 1024 * 1024))).toMatch(
      /characters is more than a facts bundle can be/,
    );
  });

  test.each([
    [
      'a file under a symlinked directory',
      () => [{ kind: 'link', p: '/etc', t: sentinel }, file('/etc/passwd')],
      /puts \/etc\/passwd under the symlink \/etc \(record 2\): nothing is written through a link/,
    ],
    [
      'a file given twice',
      () => [file('/etc/x'), file('/etc/x', 'y')],
      /record 3 gives \/etc\/x again \(as file; record 2 gave it as file\)/,
    ],
    [
      'a file under a file',
      () => [file('/etc/x'), file('/etc/x/y')],
      /puts \/etc\/x\/y under \/etc\/x, which record 2 gives as file/,
    ],
    [
      'a link and a directory at one path',
      () => [
        { kind: 'dir', p: '/boot' },
        { kind: 'link', p: '/boot', t: '/' },
      ],
      /gives \/boot again \(as link/,
    ],
  ] as [string, () => TestRecord[], RegExp][])(
    'with %s is refused before anything is written',
    async (_, records, why) => {
      expect(await unpackRefused(writeBundle(records()))).toMatch(why);
    },
  );

  test('links pointing outside are recreated to lead inside, loops are left out', async () => {
    const bundle = parseBundle(
      writeBundle([
        { kind: 'link', p: '/etc/grub.conf', t: '../../../../../../../../boot/grub/grub.conf' },
        { kind: 'link', p: '/abs', t: sentinel },
        { kind: 'link', p: '/up', t: '../../../..' },
        { kind: 'link', p: '/bin/sh', t: '/usr/../../bin/bash' },
        { kind: 'link', p: '/loop1', t: 'loop2' },
        { kind: 'link', p: '/loop2', t: '/loop1' },
        {
          ...file('/boot/grub/grub.conf', 'title x\r\n'),
          attrs: 'mode=600 uid=0 gid=0 part=whole role=grub-conf',
        },
        file('/bin/bash', '\x7fELF'),
        { kind: 'grub', p: '/etc/grub.conf' },
      ]),
      'evil.facts',
    );
    const un = await unpackBundle(bundle, { parent: tmp });
    try {
      const root = un.root;
      expect(path.dirname(root)).toBe(tmp);
      const links = ['/etc/grub.conf', '/abs', '/up', '/bin/sh'];
      for (const l of links) {
        const at = path.join(root, l);
        expect((await lstat(at)).isSymbolicLink()).toBe(true);
        const lexical = path.resolve(path.dirname(at), await readlink(at));
        expect(lexical === root || lexical.startsWith(`${root}/`)).toBe(true);
      }
      expect(await realpath(path.join(root, 'etc/grub.conf'))).toBe(
        path.join(root, 'boot/grub/grub.conf'),
      );
      expect(await realpath(path.join(root, 'bin/sh'))).toBe(path.join(root, 'bin/bash'));
      expect(await realpath(path.join(root, 'up'))).toBe(root);
      expect(await readlink(path.join(root, 'abs'))).toBe(
        path.relative(root, path.join(root, sentinel)),
      );
      expect(un.skipped).toEqual(['/loop1 (a symlink loop)', '/loop2 (a symlink loop)']);
      expect(un.boot).toEqual({
        configPath: '/etc/grub.conf',
        realPath: '/boot/grub/grub.conf',
        mode: 0o600,
        uid: 0,
        gid: 0,
      });
    } finally {
      await un.cleanup();
    }
  });
});
