import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWriterScript, printfLines } from '../../src/remote/write-script.js';
import { allBytes, hardPair } from '../helpers/pair.js';

/** The shells a guest's sh may be (RHEL's is bash), and posh, the strictest POSIX shell at hand. */
const SHELLS: [string, string[]][] = [
  ['dash', ['dash', '-s']],
  ['bash --posix', ['bash', '--posix', '-s']],
  ['busybox sh', ['busybox', 'sh', '-s']],
  ['posh', ['posh']],
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function guestDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-writer-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'grub.conf'), 'default=0\r\ntitle caf\xe9\r\n', { mode: 0o600 });
  return dir;
}

function run(shell: string[], script: string) {
  const r = spawnSync(shell[0]!, shell.slice(1), { input: Buffer.from(script, 'latin1') });
  return { code: r.status, stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString() };
}

function request(dir: string, files: { kvm: Buffer; diff: Buffer }) {
  return {
    dir,
    files: [
      { name: 'grub.conf.kvm', bytes: files.kvm },
      { name: 'grub.conf.kvm.diff', bytes: files.diff },
    ],
    mode: 0o604,
    uid: 0,
    gid: 0,
    force: false,
    expect: [{ name: 'grub.conf', bytes: readFileSync(path.join(dir, 'grub.conf')) }],
  };
}

describe.each(SHELLS)('%s', (_name, shell) => {
  test('writes every byte value, CRLF and a 70 KiB file exactly, and reports each step', () => {
    const dir = guestDir();
    const pair = hardPair(readFileSync(path.join(dir, 'grub.conf')), true);
    const r = run(shell, buildWriterScript(request(dir, pair)));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/start 1 \d+/, 'start 1 PID')).toBe(
      'FCDW start 1 PID\nFCDW staged\nFCDW put 1 new\nFCDW put 2 new\nFCDW placed\nFCDW done\n',
    );
    expect(readFileSync(path.join(dir, 'grub.conf.kvm')).equals(pair.kvm)).toBe(true);
    expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff')).equals(pair.diff)).toBe(true);
    expect(statSync(path.join(dir, 'grub.conf.kvm')).mode & 0o7777).toBe(0o604);
    expect(readdirSync(dir).sort()).toEqual(['grub.conf', 'grub.conf.kvm', 'grub.conf.kvm.diff']);
  });

  test('a short write, and a file that reads back different: said, undone, nothing left', () => {
    // The guest's tools lie, as shell functions put before the script (they
    // win over PATH and over busybox's own applets): cat keeps 100 bytes and
    // says nothing; md5sum sums anything to zeros.
    const lying = (tool: string): string =>
      tool === 'cat'
        ? 'cat() { head -c 100; }\n'
        : 'md5sum() { while read -r _; do :; done; echo "00000000000000000000000000000000  -"; }\n';
    const pair = { kvm: Buffer.from('k'.repeat(3000)), diff: Buffer.from('d'.repeat(500)) };
    const short = guestDir();
    const cut = run(
      shell,
      lying('cat') + buildWriterScript({ ...request(short, pair), expect: [] }),
    );
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/^FCDW error write 1 wrote 100 of 3000 bytes *$/m);
    expect(cut.stdout).toMatch(/FCDW undone\n$/);
    expect(readdirSync(short)).toEqual(['grub.conf']);

    const other = guestDir();
    const diff = run(
      shell,
      lying('md5sum') + buildWriterScript({ ...request(other, pair), expect: [] }),
    );
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^FCDW error check 1 md5 0{32}, not [0-9a-f]{32}$/m);
    expect(diff.stdout).toMatch(/FCDW undone\n$/);
    expect(readdirSync(other)).toEqual(['grub.conf']);
  });

  test('a script cut short anywhere runs nothing at all', () => {
    const dir = guestDir();
    const script = buildWriterScript(request(dir, hardPair(Buffer.from('kernel /vmlinuz\n'))));
    const cuts = 24;
    for (let k = 0; k < cuts; k++) {
      const at = Math.floor(((k + 0.5) * script.length) / cuts);
      const r = run(shell, script.slice(0, at));
      expect(r.stdout).toBe('');
      expect(r.code).not.toBe(0);
      expect(readdirSync(dir)).toEqual(['grub.conf']);
    }
  });
});

test('the same text runs as `sh -c SCRIPT` (an Ansible raw task), not only on stdin', () => {
  const dir = guestDir();
  const pair = hardPair(Buffer.from('x'));
  const r = spawnSync('dash', ['-c', buildWriterScript(request(dir, pair))], {
    encoding: 'latin1',
  });
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/FCDW done\n$/);
  expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff')).equals(pair.diff)).toBe(true);
});

test('the script is 7-bit text without CR, whatever the bytes it carries', () => {
  const script = buildWriterScript(
    request(guestDir(), { kvm: allBytes(4096), diff: Buffer.from('\r\n\xff', 'latin1') }),
  );
  expect([...Buffer.from(script, 'latin1')].every((b) => b < 0x80 && b !== 0x0d)).toBe(true);
});

test('printf lines never let an octal digit follow an escape, nor open with "-"', () => {
  expect(printfLines(Buffer.from("\x0112%\\'-", 'latin1'))).toEqual([
    "printf '\\001\\061\\062\\045\\134\\047-'",
  ]);
  expect(printfLines(Buffer.from('-n x'))).toEqual(["printf '\\055n x'"]);
  expect(printfLines(Buffer.from('a\x0197', 'latin1'))).toEqual(["printf 'a\\00197'"]);
});

test('writer.sh is clean under shellcheck -s sh', () => {
  const writer = fileURLToPath(new URL('../../src/remote/writer.sh', import.meta.url));
  const r = spawnSync('shellcheck', ['-s', 'sh', writer], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});
