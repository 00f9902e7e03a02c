import {
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  closeSync,
  symlinkSync,
  truncateSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { applyWithPatch, CLI, runCli, type CliResult } from '../helpers/cli.js';
import { expectSameBytes } from '../helpers/bytes.js';
import {
  FACTS,
  PARAMS,
  TWO_ENTRIES,
  expectFailure,
  expectNothingLeft,
  expectOnlyAdded,
  expectSuccess,
  expectUntouched,
  snapshot,
  write,
  removeScratch,
  scratch,
} from './helpers.js';

afterAll(removeScratch);

/**
 * Runs the CLI under sh and reads the shell's /proc/PID/io once the CLI has
 * exited: Linux adds a reaped child's I/O counts to its parent's, so `rchar`
 * is every byte the run read through read(2) and friends (work done, not
 * time taken).
 */
function runCliCountingReads(args: string[]): CliResult & { bytesRead: number } {
  const out = path.join(scratch(), 'out');
  const r = spawnSync(
    'sh',
    ['-c', '"$@" >"$OUT.stdout" 2>"$OUT.stderr"; echo "status=$?"; cat /proc/$$/io', 'sh'].concat([
      process.execPath,
      CLI,
      ...args,
    ]),
    { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1', OUT: out } },
  );
  const status = /^status=(\d+)$/m.exec(r.stdout);
  const rchar = /^rchar: (\d+)$/m.exec(r.stdout);
  if (!status || !rchar) throw new Error(`no status or I/O counts: ${r.stdout}${r.stderr}`);
  const stdoutBytes = readFileSync(`${out}.stdout`);
  return {
    code: Number(status[1]),
    stdout: stdoutBytes.toString('utf8'),
    stderr: readFileSync(`${out}.stderr`, 'utf8'),
    stdoutBytes,
    bytesRead: Number(rchar[1]),
  };
}

/** Runs on `file` in `dir` and checks the documented failure, that nothing changed and nothing is left. */
function expectRefused(
  dir: string,
  file: string,
  says: RegExp,
  extra: string[] = [],
): ReturnType<typeof runCli> {
  const before = snapshot(dir);
  const r = runCli([...FACTS, '--grub-conf', file, ...extra]);
  expectFailure(r, { code: 1, names: [file], says });
  expectUntouched(before, snapshot(dir));
  expectNothingLeft(dir);
  return r;
}

describe('an unusable --grub-conf is refused with exit 1, one line, and nothing written', () => {
  it('a missing file', () => {
    const dir = scratch();
    expectRefused(dir, path.join(dir, 'grub.conf'), /no such file/);
  });

  it('a directory', () => {
    const dir = scratch();
    const sub = path.join(dir, 'grub');
    mkdirSync(sub);
    write(path.join(sub, 'grub.conf'), TWO_ENTRIES);
    const r = expectRefused(dir, sub, /it is a directory/);
    expect(r.stderr).toMatch(/--grub-conf/);
  });

  it('an empty file', () => {
    const dir = scratch();
    expectRefused(dir, write(path.join(dir, 'grub.conf'), ''), /empty/);
  });

  it('a binary file (an ELF executable) is recognised by its NUL bytes', () => {
    const dir = scratch();
    const elf = Buffer.alloc(4096);
    const fd = openSync(process.execPath, 'r');
    try {
      readSync(fd, elf, 0, elf.length, 0);
    } finally {
      closeSync(fd);
    }
    expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expectRefused(dir, write(path.join(dir, 'grub.conf'), elf), /NUL bytes|binary/);
  });

  it('a file one byte over 16 MiB is refused, naming the size limit', () => {
    const dir = scratch();
    const file = write(path.join(dir, 'grub.conf'), TWO_ENTRIES);
    truncateSync(file, 16 * 1024 * 1024 + 1); // sparse: fast to make
    const r = expectRefused(dir, file, /16 MiB/);
    expect(r.stderr).toContain(String(16 * 1024 * 1024 + 1));
  });

  it('an 8 GiB sparse file is refused by its size, before any of it is read', () => {
    // Were it read first, Node would fail on its size (over 2 GiB) with another message, or take minutes.
    const dir = scratch();
    const file = write(path.join(dir, 'grub.conf'), TWO_ENTRIES);
    truncateSync(file, 8 * 1024 ** 3);
    const before = snapshot(dir);
    const r = runCliCountingReads([...FACTS, '--grub-conf', file]);
    expectFailure(r, { code: 1, names: [file], says: /more than the 16 MiB/ });
    // The whole run (Node loading its bundle included) read less than the
    // 16 MiB a read of the file would have needed: its size refused it.
    expect(r.bytesRead).toBeLessThan(16 * 1024 * 1024);
    expectUntouched(before, snapshot(dir));
    expectNothingLeft(dir);
  });

  it('a file with no title lines', () => {
    const dir = scratch();
    const file = write(
      path.join(dir, 'grub.conf'),
      'default=0\ntimeout=5\n# title commented out\n#\tkernel /vmlinuz ro\n',
    );
    expectRefused(dir, file, /no boot entries|no title/);
  });
});

describe('an input that is a symbolic link', () => {
  it("is followed for reading, the warning says so, and the outputs go beside the link's target", () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'real'));
    mkdirSync(path.join(dir, 'boot'));
    const target = write(path.join(dir, 'real/grub.conf'), TWO_ENTRIES);
    const link = path.join(dir, 'boot/grub.conf');
    symlinkSync('../real/grub.conf', link);
    const before = snapshot(dir);

    const r = runCli([...FACTS, '--grub-conf', link]);
    expectSuccess(r);
    const real = realpathSync(target);
    expect(r.stdout).toContain(`${link} is a symbolic link: read ${real}`);
    // Renaming grub.conf.kvm over the link would replace the link, not grub.conf: the
    // outputs go beside the file the link points at, and every step names that file.
    expectOnlyAdded(before, snapshot(dir), ['real/grub.conf.kvm', 'real/grub.conf.kvm.diff']);
    expectNothingLeft(path.join(dir, 'boot'));
    expect(r.stdout).toContain(`3. Install:  mv ${real}.kvm ${real}`);
    expect(r.stdout).toContain(`1. Back up:  cp -p ${real} ${real}.bak`);

    const kvm = readFileSync(`${real}.kvm`, 'latin1');
    expect(kvm).toBe(TWO_ENTRIES.replace(/(kernel \S+ ro root=\/dev\/sda1)\n/g, `$1${PARAMS}\n`));
    const diff = readFileSync(`${real}.kvm.diff`, 'latin1');
    expect(diff.split('\n').slice(1, 3)).toEqual([`--- ${real}`, `+++ ${real}.kvm`]);
    expect(diff.split('\n')[0]).toMatch(
      new RegExp(
        `^# fix-clock-drift: ${real}\\.kvm made from ${real} \\(sha256 [0-9a-f]{64}, \\d+ bytes\\)$`,
      ),
    );
    expectSameBytes(applyWithPatch(target, `${real}.kvm.diff`), readFileSync(`${real}.kvm`));
  });

  it('--json names the link target', () => {
    const dir = scratch();
    const target = write(path.join(dir, 'grub.conf.real'), TWO_ENTRIES);
    const link = path.join(dir, 'grub.conf');
    symlinkSync(target, link);
    const r = runCli([...FACTS, '--grub-conf', link, '--json', '--dry-run']);
    expectSuccess(r);
    const report = JSON.parse(r.stdout) as { input: string; inputLinkTarget: string };
    expect(report).toMatchObject({ input: link, inputLinkTarget: realpathSync(target) });
  });
});
