import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, copySample, runCli } from '../helpers/cli.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';

// One live fake guest behind a loopback sshd, busybox its only shell: the
// run collects, decides and writes there as --root does on the same files.
let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      {
        alias: 'g54',
        shell: 'busybox',
        sample: 'rhel5.4-i686-nokvmclock',
        uname: { r: '2.6.18-164.el5', m: 'i686', n: 'g54' },
      },
    ],
  });
});
afterAll(async () => {
  await sshd?.stop();
});

describe('--ssh on a live guest', () => {
  it('writes grub.conf.kvm and its diff on the guest, as --root writes them here', () => {
    const guest = sshd.guest('g54');
    const r = runCli(['--ssh', 'g54', '--ssh-command', `ssh -F ${sshd.config}`, '--yes', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({
      outcome: 'written',
      params: ['clocksource=acpi_pm', 'lpj=2394132'],
      output: '/boot/grub/grub.conf.kvm',
      diff: '/boot/grub/grub.conf.kvm.diff',
      input: 'g54:/boot/grub/grub.conf',
    });
    const grub = path.join(guest.view, 'boot/grub');
    const local = copySample('rhel5.4-i686-nokvmclock');
    const l = runCli(['--root', local.root, '--yes', '--json']);
    expect(l.code).toBe(0);
    expect(readFileSync(path.join(grub, 'grub.conf.kvm'))).toEqual(
      readFileSync(`${local.grubConf}.kvm`),
    );
    expect(
      applyWithPatch(path.join(grub, 'grub.conf'), path.join(grub, 'grub.conf.kvm.diff')),
    ).toEqual(readFileSync(path.join(grub, 'grub.conf.kvm')));
  });

  it('a second run finds the pair already there, writes nothing and says so', () => {
    const args = ['--ssh', 'g54', '--ssh-command', `ssh -F ${sshd.config}`, '--yes', '--json'];
    const grub = path.join(sshd.guest('g54').view, 'boot/grub');
    const kvm = path.join(grub, 'grub.conf.kvm');
    if (runCli(args).code !== 0) throw new Error('the first run failed');
    const before = statSync(kvm).mtimeMs;
    const again = runCli(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'current', where: 'g54' });
    expect(statSync(kvm).mtimeMs).toBe(before);
  });
});
