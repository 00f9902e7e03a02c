import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBootIni } from '../../src/bootini/locate.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bootini-root-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findBootIni', () => {
  it.each(['boot.ini', 'BOOT.INI', 'Boot.ini'])('finds %s', async (name) => {
    writeFileSync(path.join(root, name), '[boot loader]\r\n');
    expect(await findBootIni(root)).toBe(path.join(root, name));
  });

  it('returns undefined when there is none, or the root does not exist', async () => {
    writeFileSync(path.join(root, 'boot.ini.bak'), '');
    mkdirSync(path.join(root, 'WINDOWS'));
    writeFileSync(path.join(root, 'WINDOWS', 'boot.ini'), '');
    expect(await findBootIni(root)).toBeUndefined();
    expect(await findBootIni(path.join(root, 'missing'))).toBeUndefined();
    expect(await findBootIni(path.join(root, 'boot.ini.bak'))).toBeUndefined();
  });

  it('skips a directory or a dangling link of that name', async () => {
    mkdirSync(path.join(root, 'BOOT.INI'));
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'Boot.ini'));
    writeFileSync(path.join(root, 'boot.ini'), '');
    expect(await findBootIni(root)).toBe(path.join(root, 'boot.ini'));
  });

  it('takes the first name in code-unit order when a case-sensitive mount has several', async () => {
    writeFileSync(path.join(root, 'boot.ini'), '');
    writeFileSync(path.join(root, 'BOOT.INI'), '');
    expect(await findBootIni(root)).toBe(path.join(root, 'BOOT.INI'));
  });
});
