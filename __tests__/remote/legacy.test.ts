import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LegacyAlgorithmsError, legacyOptions, parseMismatch } from '../../src/remote/legacy.js';
import { openSession } from '../../src/remote/ssh.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { LEGACY } from '../helpers/sshd-config.js';

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({ legacy: true, guests: [{ alias: 'rhel5', sample: 'rhel5.4-x86_64' }] });
});
afterAll(async () => {
  await sshd?.stop();
});

const EXPECTED_OPTIONS = [
  `KexAlgorithms=+${LEGACY.kex}`,
  'HostKeyAlgorithms=+ssh-rsa',
  `Ciphers=+${LEGACY.ciphers}`,
  'PubkeyAcceptedAlgorithms=+ssh-rsa',
];

test("the harness's legacy sshd offers only old algorithms: a default ssh client refuses it", () => {
  const r = spawnSync('ssh', ['-F', sshd.config, '-o', 'BatchMode=yes', 'rhel5', 'true'], {
    encoding: 'utf8',
  });
  expect(r.status).toBe(255);
  expect(r.stderr).toMatch(
    /Unable to negotiate with 127\.0\.0\.1 port \d+: no matching key exchange method found\. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1/,
  );
});

test('refused with one sentence, then the exact options and the ~/.ssh/config stanza', async () => {
  const cmd = `ssh -F ${sshd.config}`;
  const err = await openSession('rhel5', { sshCommand: cmd, interactive: false }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LegacyAlgorithmsError);
  const e = err as LegacyAlgorithmsError;
  expect(e.exitCode).toBe(1);
  expect(e.options).toEqual(EXPECTED_OPTIONS);
  const [first, ...stanza] = e.message.split('\n');
  expect(first).toBe(
    `guest rhel5 offers only old SSH algorithms that this ssh refuses by default (KexAlgorithms ${LEGACY.kex}; HostKeyAlgorithms ssh-rsa; Ciphers ${LEGACY.ciphers}); enable them for this guest only with --ssh-command "ssh ${EXPECTED_OPTIONS.map((o) => `-o ${o}`).join(' ')} -F ${sshd.config}", or with these lines in ~/.ssh/config:`,
  );
  expect(stanza).toEqual([
    'Host rhel5',
    `    KexAlgorithms +${LEGACY.kex}`,
    '    HostKeyAlgorithms +ssh-rsa',
    `    Ciphers +${LEGACY.ciphers}`,
    '    PubkeyAcceptedAlgorithms +ssh-rsa',
  ]);
  expect(e.stanza).toBe(stanza.join('\n'));
  // Probing logs nobody in: the handshakes stop at the (empty) host key check.
  expect(sshd.log()).not.toMatch(/Accepted publickey/);
});

test('accepted with exactly the printed options, over one connection', async () => {
  const port = sshd.guest('rhel5').port;
  const options = EXPECTED_OPTIONS.map((o) => `-o ${o}`).join(' ');
  const before = sshd.connections(port);
  const s = await openSession('rhel5', {
    sshCommand: `ssh ${options} -F ${sshd.config}`,
    interactive: false,
  });
  try {
    expect((await s.run('cat /etc/redhat-release')).stdout.toString()).toMatch(/release 5\.4/);
    expect((await s.run('uname -r')).code).toBe(1); // no uname answer in this guest: the fake says so
  } finally {
    await s.close();
  }
  expect(sshd.connections(port) - before).toBe(1);
});

test('accepted with the printed stanza in the ssh configuration instead', async () => {
  const err = (await openSession('rhel5', {
    sshCommand: `ssh -F ${sshd.config}`,
    interactive: false,
  }).catch((e: unknown) => e)) as LegacyAlgorithmsError;
  const config = path.join(sshd.dir, 'ssh_config-with-stanza');
  writeFileSync(config, `${err.stanza}\n\n${readFileSync(sshd.config, 'utf8')}`);
  const s = await openSession('rhel5', { sshCommand: `ssh -F ${config}`, interactive: false });
  try {
    expect((await s.run('echo ok')).stdout.toString()).toBe('ok\n');
  } finally {
    await s.close();
  }
});

test('without PubkeyAcceptedAlgorithms +ssh-rsa an old sshd refuses the RSA key (why it is printed)', async () => {
  const options = EXPECTED_OPTIONS.slice(0, 3)
    .map((o) => `-o ${o}`)
    .join(' ');
  await expect(
    openSession('rhel5', { sshCommand: `ssh ${options} -F ${sshd.config}`, interactive: false }),
  ).rejects.toThrow(/^guest rhel5 refused authentication as root/);
});

test('the offer is kept to what this ssh knows, and pseudo-algorithms are dropped', () => {
  const known = (q: string) =>
    q === 'kex' ? ['diffie-hellman-group1-sha1', 'curve25519-sha256'] : [];
  expect(
    parseMismatch(
      'Unable to negotiate with 10.0.0.5 port 22: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,kex-strict-s-v00@openssh.com,made-up-kex\r\n',
      known,
    ),
  ).toEqual({ option: 'KexAlgorithms', offer: ['diffie-hellman-group1-sha1'] });
  expect(parseMismatch('Permission denied (publickey).', known)).toBeUndefined();
  expect(legacyOptions([{ option: 'HostKeyAlgorithms', offer: ['ssh-dss'] }])).toEqual([
    'HostKeyAlgorithms=+ssh-dss',
  ]);
});
