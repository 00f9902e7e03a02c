import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { LEGACY } from '../helpers/sshd-config.js';
import { decisions, rootRun, sampleGuest, treeListing, type Report } from './helpers.js';
import { expectNothingLeft, removeScratch, runTmp } from './ssh-run.js';

/**
 * A guest whose sshd offers only RHEL 3-5 era algorithms (OpenSSH 3.6-4.3):
 * the CLI refuses it, naming the options that enable them for that guest
 * only; the --ssh-command printed in that message, used as printed, makes
 * the same run succeed over one connection. Host key checking stays on.
 */

const SAMPLE = 'rhel5.4-i686-nokvmclock';
let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({ legacy: true, guests: [await sampleGuest('old5', SAMPLE, 'busybox')] });
}, 60_000);
afterAll(async () => {
  await sshd?.stop();
  removeScratch();
});

function run(sshCommand: string) {
  const tmp = runTmp();
  const r = runCli(['--ssh', 'old5', '--ssh-command', sshCommand, '--yes', '--json'], {
    env: { TMPDIR: tmp },
  });
  expectNothingLeft(tmp);
  return r;
}

test('refused with the options named, then accepted with the printed --ssh-command', () => {
  const guest = sshd.guest('old5');
  const before = treeListing(guest.view);
  const refused = run(guest.sshCommand);
  expect(refused.code).toBe(1);
  const [first, ...stanza] = refused.stderr.trimEnd().split('\n');
  expect(first).toMatch(
    /^fix-clock-drift: guest old5 offers only old SSH algorithms that this ssh refuses by default \(KexAlgorithms .*\); enable them for this guest only with --ssh-command "[^"]+", or with these lines in ~\/\.ssh\/config:$/,
  );
  expect(stanza).toEqual([
    'Host old5',
    `    KexAlgorithms +${LEGACY.kex}`,
    '    HostKeyAlgorithms +ssh-rsa',
    `    Ciphers +${LEGACY.ciphers}`,
    '    PubkeyAcceptedAlgorithms +ssh-rsa',
  ]);
  expect(JSON.parse(refused.stdout)).toMatchObject({
    error: refused.stderr.slice('fix-clock-drift: '.length, -1),
    exitCode: 1,
  });
  expect(refused.stderr).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile|KnownHosts/);
  // Probing stops at the host key check: nobody logged in, nothing changed.
  expect(sshd.log()).not.toMatch(/Accepted publickey/);
  expect(treeListing(guest.view)).toEqual(before);

  const printed = /--ssh-command "([^"]+)"/.exec(first!)![1]!;
  for (const option of [
    `KexAlgorithms=+${LEGACY.kex}`,
    'HostKeyAlgorithms=+ssh-rsa',
    `Ciphers=+${LEGACY.ciphers}`,
    'PubkeyAcceptedAlgorithms=+ssh-rsa',
  ])
    expect(printed).toContain(`-o ${option}`);
  expect(printed).toContain(`-F ${sshd.config}`);

  const handshakes = sshd.connections(guest.port);
  const ok = run(printed);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  expect(sshd.connections(guest.port) - handshakes).toBe(1);
  // The sshd accepts only ssh-rsa (SHA-1) signatures, as an old one does.
  expect(sshd.log()).toMatch(/Accepted publickey for root from .* RSA SHA256:/);
  const report = JSON.parse(ok.stdout) as Report;
  const local = rootRun(SAMPLE);
  expect(decisions(report, 'old5:')).toEqual(decisions(local.report, local.root));
  expect(report.outcome).toBe('written');
  expect(readFileSync(path.join(guest.view, 'boot/grub/grub.conf.kvm'))).toEqual(
    readFileSync(path.join(local.grub, 'grub.conf.kvm')),
  );
});
