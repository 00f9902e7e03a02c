import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ToolError } from '../../src/shared/errors.js';
import { writeFileAtomic } from '../../src/output/write.js';
import { tempDir } from '../helpers/cli.js';

const data = Buffer.from('title x\n\tkernel /v ro notsc\n');

describe('writeFileAtomic', () => {
  it('creates the file with exactly the given mode, whatever the umask, and leaves no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'grub.conf.kvm');
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(file, data, { mode: 0o644, force: false });
    } finally {
      process.umask(old);
    }
    expect(readFileSync(file)).toEqual(data);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['grub.conf.kvm']);
  });

  it('refuses an existing file without force and replaces it with force', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'out');
    writeFileSync(file, 'old');
    await expect(writeFileAtomic(file, data, { mode: 0o600, force: false })).rejects.toThrow(
      /already exists.*--force/,
    );
    expect(readFileSync(file, 'utf8')).toBe('old');
    await writeFileAtomic(file, data, { mode: 0o600, force: true });
    expect(readFileSync(file)).toEqual(data);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('refuses a symlink and a directory, even with force', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'target'), 'keep');
    symlinkSync(path.join(dir, 'target'), path.join(dir, 'link'));
    mkdirSync(path.join(dir, 'sub'));
    await expect(
      writeFileAtomic(path.join(dir, 'link'), data, { mode: 0o600, force: true }),
    ).rejects.toThrow(/symbolic link/);
    await expect(
      writeFileAtomic(path.join(dir, 'sub'), data, { mode: 0o600, force: true }),
    ).rejects.toThrow(/directory/);
    expect(readFileSync(path.join(dir, 'target'), 'utf8')).toBe('keep');
    expect(readdirSync(dir).sort()).toEqual(['link', 'sub', 'target']);
  });

  it('says which directory is missing', async () => {
    const dir = tempDir();
    const err = await writeFileAtomic(path.join(dir, 'nope/out'), data, {
      mode: 0o600,
      force: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as Error).message).toMatch(/cannot write into .*nope: no such file or directory/);
    expect(existsSync(path.join(dir, 'nope'))).toBe(false);
  });
});
