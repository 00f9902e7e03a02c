import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildReaderScript,
  parseLsLine,
  parseReaderOutput,
} from '../../src/install/read-script.js';

// The reader runs on the guest, read from stdin by its sh: each shell an old
// guest may have reads the same files the same way.
const SHELLS: [string, string[]][] = [
  ['dash', ['dash', '-s']],
  ['bash --posix', ['bash', '--posix', '-s']],
  ['busybox sh', ['busybox', 'sh', '-s']],
  ['posh', ['posh']],
];

const CONF = Buffer.from('default=0\r\ntitle caf\xe9\r\n\tkernel /vmlinuz ro\r\n', 'latin1');
const KVM = Buffer.from('default=0\r\ntitle caf\xe9\r\n\tkernel /vmlinuz ro notsc\r\n', 'latin1');
// No newline at its end, and bytes that look like the frame.
const DIFF = Buffer.from('x\nFCDR end 3\nFCDR done', 'latin1');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** /etc/grub.conf -> ../boot/grub/grub.conf, with /boot itself a link, as on a guest. */
function tree(): string {
  const t = mkdtempSync(path.join(os.tmpdir(), 'fcd-reader-'));
  dirs.push(t);
  mkdirSync(path.join(t, 'disk/grub'), { recursive: true });
  mkdirSync(path.join(t, 'etc'));
  symlinkSync('disk', path.join(t, 'boot'));
  symlinkSync('../boot/grub/grub.conf', path.join(t, 'etc/grub.conf'));
  writeFileSync(path.join(t, 'disk/grub/grub.conf'), CONF);
  chmodSync(path.join(t, 'disk/grub/grub.conf'), 0o640);
  writeFileSync(path.join(t, 'disk/grub/grub.conf.kvm'), KVM);
  writeFileSync(path.join(t, 'disk/grub/grub.conf.kvm.diff'), DIFF);
  writeFileSync(path.join(t, 'disk/grub/grub.conf.bak-20240102-030405'), CONF);
  symlinkSync('grub.conf', path.join(t, 'disk/grub/grub.conf.bak-20240102-030406'));
  return t;
}

function run(shell: string[], script: string) {
  const r = spawnSync(shell[0]!, shell.slice(1), { input: Buffer.from(script, 'latin1') });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

describe.each(SHELLS)('the reader under %s', (_name, shell) => {
  it('follows /etc/grub.conf to the real file and reads it and the files beside it byte for byte', () => {
    const t = tree();
    const r = run(
      shell,
      buildReaderScript(path.join(t, 'etc/grub.conf'), ['', '.kvm', '.kvm.diff', '.nope']),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = parseReaderOutput(r.stdout, 4);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.failure));
    const v = parsed.value;
    expect(v.conf).toBe(path.join(t, 'etc/grub.conf'));
    expect(v.real).toBe(path.join(t, 'disk/grub/grub.conf'));
    expect(v.files).toEqual([CONF, KVM, DIFF, 'missing']);
    // A symlink is never taken for a backup.
    expect(v.backups).toEqual(['grub.conf.bak-20240102-030405']);
    expect(parseLsLine(v.ls)).toEqual({ mode: 0o640, uid: 0, gid: 0 });
  });

  it('says when the path does not exist, and when a link leads nowhere', () => {
    const t = tree();
    const none = run(shell, buildReaderScript(path.join(t, 'etc/nothing'), ['']));
    expect(none.code).toBe(1);
    expect(parseReaderOutput(none.stdout, 1)).toEqual({ ok: false, failure: { kind: 'none' } });
    symlinkSync('../boot/grub/gone', path.join(t, 'etc/dangling'));
    const dangling = run(shell, buildReaderScript(path.join(t, 'etc/dangling'), ['']));
    expect(parseReaderOutput(dangling.stdout, 1)).toEqual({
      ok: false,
      failure: { kind: 'unresolved', path: path.join(t, 'etc/dangling') },
    });
  });
});

describe('the reader output', () => {
  const out = (s: string) => Buffer.from(s, 'latin1');
  it('skips a login banner, and refuses a frame the file changed under', () => {
    const good = out(
      'Welcome!\nFCDR start 1\nFCDR conf /c\nFCDR real /c\nFCDR ls -rw------- 1 0 0 3 x /c\nFCDR file 1 size 3\nabc\nFCDR end 1\nFCDR done\n',
    );
    expect(parseReaderOutput(good, 1)).toMatchObject({ ok: true, value: { files: [out('abc')] } });
    const grew = out(good.toString('latin1').replace('size 3\nabc', 'size 3\nabcd'));
    expect(parseReaderOutput(grew, 1)).toEqual({
      ok: false,
      failure: { kind: 'garbled', detail: 'file 1 changed while it was read' },
    });
    const cut = out(good.toString('latin1').replace('FCDR done\n', ''));
    expect(parseReaderOutput(cut, 1)).toMatchObject({ ok: false, failure: { kind: 'garbled' } });
  });

  it('reads permissions and owner from ls -lnd, SELinux dot and all', () => {
    expect(parseLsLine('-rw-r--r--. 1 0 10 1033 Jan  1  2024 /boot/grub/grub.conf')).toEqual({
      mode: 0o644,
      uid: 0,
      gid: 10,
    });
    expect(parseLsLine('drwx------ 2 0 0 4096 Jan  1  2024 /boot')).toBeUndefined();
  });
});

it('is shellcheck-clean', () => {
  const file = fileURLToPath(new URL('../../src/install/reader.sh', import.meta.url));
  const r = spawnSync('shellcheck', ['-s', 'sh', file], { encoding: 'utf8' });
  expect(r.stdout).toBe('');
  expect(r.status).toBe(0);
});
