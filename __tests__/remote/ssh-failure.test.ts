import { connectFailure, sshOwn255 } from '../../src/remote/ssh-failure.js';
import { checkTarget, parseSshCommand, showCommand } from '../../src/remote/ssh-command.js';

/**
 * ssh's own words for failures the loopback sshd cannot produce (a silent
 * network, a password-only guest): each becomes one line naming the guest
 * and what to do. The live cases are in session.test.ts.
 */
test.each([
  [
    'ssh: connect to host 10.1.2.3 port 22: Connection timed out\r\n',
    'cannot reach guest g (10.1.2.3 port 22): no answer (timed out): check that the guest is up and reachable from here (address, firewall)',
  ],
  [
    'ssh: connect to host 10.1.2.3 port 22: No route to host\r\n',
    'cannot reach guest g (10.1.2.3 port 22): no route to it: check its address and the network',
  ],
  [
    'Connection timed out during banner exchange\r\nConnection to UNKNOWN port 65535 timed out\r\n',
    'cannot reach guest g: it accepted the connection but its sshd did not answer in time; check the guest (load, sshd) and try again',
  ],
  [
    'kex_exchange_identification: read: Connection reset by peer\r\nConnection reset by 10.1.2.3 port 22\r\n',
    'guest g closed the connection before it was set up (kex_exchange_identification: read: Connection reset by peer): check its sshd (its log, MaxStartups, hosts.allow/hosts.deny)',
  ],
  [
    "Can't open user config file /nope: No such file or directory\r\n",
    "ssh cannot use its configuration for guest g: Can't open user config file /nope: No such file or directory",
  ],
  ['something new\r\n', 'cannot connect to guest g: something new'],
])('%j', (stderr, message) => {
  const err = connectFailure('g', stderr, false);
  expect(err.message).toBe(message);
  expect(err.exitCode).toBe(1);
});

test('a password-only guest in a run without a person: says a password needs an interactive run', () => {
  const stderr = 'admin@10.1.2.3: Permission denied (publickey,gssapi-with-mic,password).\r\n';
  expect(connectFailure('admin@g', stderr, false).message).toMatch(
    /^guest admin@g refused authentication as admin \(it accepts: publickey,gssapi-with-mic,password\): .*; a password can only be typed in an interactive run/,
  );
  expect(connectFailure('admin@g', stderr, true).message).not.toMatch(/interactive run/);
});

test('guest text in messages is made printable', () => {
  const err = connectFailure('g', 'ssh: weird \x1b[31mred\x1b[0m\r\n', false);
  expect(err.message).toBe('cannot connect to guest g: ssh: weird ?[31mred?[0m');
});

test('ssh commands are split like a shell would, without running one', () => {
  process.env.FCD_TEST_CFG = '/etc/lab config';
  expect(parseSshCommand('ssh -F "$FCD_TEST_CFG" -o \'ProxyCommand=nc %h %p\' -p 2222')).toEqual({
    program: 'ssh',
    args: ['-F', '/etc/lab config', '-o', 'ProxyCommand=nc %h %p', '-p', '2222'],
  });
  expect(parseSshCommand(undefined)).toEqual({ program: 'ssh', args: [] });
  expect(parseSshCommand('  ')).toEqual({ program: 'ssh', args: [] });
  expect(() => parseSshCommand('ssh; rm -rf /')).toThrow(/";" needs a shell/);
  expect(() => parseSshCommand('ssh -i ~/keys/*')).toThrow(/needs a shell/);
  expect(showCommand(['ssh', '-o', 'KexAlgorithms=+a,b', '-F', '/etc/lab config'])).toBe(
    "ssh -o KexAlgorithms=+a,b -F '/etc/lab config'",
  );
});

test('targets: [user@]host, never an option or blanks', () => {
  expect(checkTarget('root@rhel5.lab')).toBe('root@rhel5.lab');
  for (const bad of ['', 'root@', '-F/tmp/x', 'a\nb', 'two words'])
    expect(() => checkTarget(bad)).toThrow(/--ssh/);
});

describe('sshOwn255: whose 255 it is', () => {
  test('ssh said the connection failed: ssh’s, without waiting', async () => {
    let asked = 0;
    const gone = () => (asked++, false);
    await expect(sshOwn255('client_loop: send disconnect: Broken pipe\n', gone)).resolves.toBe(
      true,
    );
    expect(asked).toBe(0);
  });

  test('silent, and the master goes a moment later: ssh’s', async () => {
    let asked = 0;
    await expect(sshOwn255('', () => ++asked >= 3, 1000)).resolves.toBe(true);
    expect(asked).toBe(3);
  });

  test('silent, and the master stays: the remote command’s own status', async () => {
    let asked = 0;
    await expect(sshOwn255('', () => (asked++, false), 60)).resolves.toBe(false);
    // Asked at once, then every 20 ms up to the limit.
    expect(asked).toBe(4);
  });
});
