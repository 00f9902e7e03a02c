import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { alive, descendantProcs, waitFor } from '../helpers/processes.js';

/** The fake guests themselves: what code that runs on a guest will meet there. */

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      {
        alias: 'bb',
        sample: 'rhel5.4-x86_64',
        uname: { r: '2.6.18-164.el5', m: 'x86_64', v: '#1 SMP Tue Aug 18 15:51:48 EDT 2009' },
        dmesg: 'Linux version 2.6.18-164.el5\nkvm-clock: cpu 0\n',
      },
      {
        alias: 'da',
        sample: 'rhel4.8-i686',
        shell: 'dash',
        uname: { r: '2.6.9-89.EL', m: 'i686' },
      },
    ],
  });
});
afterAll(async () => {
  await sshd?.stop();
});

function ssh(alias: string, command: string, input = '') {
  const r = spawnSync('ssh', ['-F', sshd.config, '-o', 'BatchMode=yes', alias, command], {
    input,
    encoding: 'latin1',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('uname and dmesg answer from the guest, never from this machine', () => {
  const host = spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim();
  const bb = ssh('bb', 'uname -r; uname -m; uname; uname -a; dmesg');
  expect(bb.stdout).toBe(
    '2.6.18-164.el5\nx86_64\nLinux\n' +
      'Linux bb 2.6.18-164.el5 #1 SMP Tue Aug 18 15:51:48 EDT 2009 x86_64 GNU/Linux\n' +
      'Linux version 2.6.18-164.el5\nkvm-clock: cpu 0\n',
  );
  const da = ssh('da', 'uname -r; uname -m; uname -v');
  expect(da.stdout).toBe('2.6.9-89.EL\ni686\n');
  expect(da.stderr).toBe('uname: this fake guest has no /.fcd/uname-v\n');
  expect(bb.stdout + da.stdout).not.toContain(host);
});

test('each guest sees its own tree, with its own shell as sh and nothing else on PATH', () => {
  expect(ssh('bb', 'cat /etc/redhat-release').stdout).toMatch(/release 5\.4/);
  expect(ssh('da', 'cat /etc/redhat-release').stdout).toMatch(/release 4 \(Nahant Update 8\)/);
  expect(ssh('bb', 'echo $PATH; ls -l /.fcd/bin/sh').stdout).toMatch(
    /^\/\.fcd\/bin\n.* \/\.fcd\/bin\/sh -> \/\.fcd\/busybox\n$/,
  );
  // The dash guest's only shell is dash: no busybox sh, ash or hush to fall back on.
  const da = ssh(
    'da',
    'ls -l /.fcd/bin/sh; command -v ash || echo no-ash; command -v hush || echo no-hush',
  );
  expect(da.stdout).toMatch(/\/\.fcd\/bin\/sh -> \/\.fcd\/dash\nno-ash\nno-hush\n$/);
  // The samples' own bin/sh is a fake ELF stub that never runs.
  expect(ssh('bb', '/bin/sh -c "echo ran"').stdout).not.toContain('ran');
});

test('what RHEL 3 lacks is missing here too (base64, realpath, timeout...)', () => {
  for (const alias of ['bb', 'da']) {
    const r = ssh(
      alias,
      'for c in base64 realpath timeout md5sum od; do command -v $c >/dev/null && echo $c; done',
    );
    expect(r.stdout).toBe('md5sum\nod\n');
    expect(ssh(alias, 'echo hi | base64').code).not.toBe(0);
  }
});

test('stdin and stdout are byte-clean (sh -s reads a script)', () => {
  const r = ssh('da', 'sh -s', "printf '\\351\\015\\012\\000x'\n");
  expect(Buffer.from(r.stdout, 'latin1')).toEqual(Buffer.from([0xe9, 0x0d, 0x0a, 0x00, 0x78]));
});

test("test mounts are seen by the guest's sessions only, not by this machine", () => {
  const probe = path.join(sshd.guest('bb').root, 'etc/probe');
  sshd.guest('bb').mountReadOnly('etc');
  const r = ssh('bb', ': > /etc/probe');
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/Read-only file system/);
  writeFileSync(probe, 'the host view stays writable\n');
  expect(existsSync(path.join(sshd.guest('bb').view, 'etc/probe'))).toBe(true);
});

test('stop() ends sshd and every process under it', async () => {
  const own = await startSshd({ guests: [{ alias: 'g' }] });
  // -f: ssh goes to the background once the command runs (and keeps no pipe of ours open).
  const session = spawnSync('ssh', ['-F', own.config, '-f', 'g', 'sleep 60'], { stdio: 'ignore' });
  expect(session.status).toBe(0);
  await waitFor(() => descendantProcs(own.pid).length >= 2, 10_000, 'the session under sshd');
  const tree = descendantProcs(own.pid);
  const pid = own.pid;
  await own.stop();
  expect(tree.filter(alive)).toEqual([]);
  expect(existsSync(`/proc/${pid}/root`)).toBe(false);
  expect(existsSync(own.dir)).toBe(false);
});
