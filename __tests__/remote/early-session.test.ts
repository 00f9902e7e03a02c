import { startSshEarly } from '../../src/cli/early-ssh.js';
import { earlySessionLeft, takeEarlySession } from '../../src/remote/early-session.js';

// `true` stands in for ssh: the "connection" it starts ends at once, with
// nothing reached and nothing left (openSession closes what failed).
const SSH = ['--ssh-command', 'true'];

describe('which runs open their connection before the flags are parsed', () => {
  const ttyBefore = process.stdin.isTTY;
  afterEach(() => {
    process.stdin.isTTY = ttyBefore;
  });

  test.each([
    ['no --ssh', ['--release', '5.4', '--yes']],
    ['a subcommand', ['check', '--ssh', 'g', ...SSH, '--yes']],
    ['--help', ['--ssh', 'g', ...SSH, '--yes', '--help']],
    ['--version', ['--ssh', 'g', ...SSH, '--yes', '-V']],
    ['--facts beside it', ['--ssh', 'g', ...SSH, '--yes', '--facts=f']],
    ['--root beside it', ['--ssh', 'g', ...SSH, '--yes', '--root', '/']],
    ['--list-rules', ['--ssh', 'g', ...SSH, '--list-rules']],
  ])('not: %s', (_what, argv) => {
    process.stdin.isTTY = false;
    startSshEarly(argv);
    expect(earlySessionLeft()).toBe(false);
  });

  test('not: a terminal without --yes (ssh may ask for a password)', () => {
    process.stdin.isTTY = true;
    startSshEarly(['--ssh', 'g', ...SSH]);
    expect(earlySessionLeft()).toBe(false);
  });

  test('a run that cannot prompt: started, and taken only by the same connection, once', async () => {
    process.stdin.isTTY = true;
    startSshEarly(['--ssh=g', '--ssh-command=true', '--yes']);
    expect(earlySessionLeft()).toBe(true);
    expect(takeEarlySession('other', { interactive: false, sshCommand: 'true' })).toBeUndefined();
    expect(takeEarlySession('g', { interactive: false })).toBeUndefined();
    expect(takeEarlySession('g', { interactive: true, sshCommand: 'true' })).toBeUndefined();
    expect(earlySessionLeft()).toBe(true);
    const taken = takeEarlySession('g', { interactive: false, sshCommand: 'true' });
    expect(taken).toBeDefined();
    expect(earlySessionLeft()).toBe(false);
    expect(takeEarlySession('g', { interactive: false, sshCommand: 'true' })).toBeUndefined();
    // Its failure reaches the run that took it, as opening it then would have.
    await expect(taken).rejects.toThrow(/g/);
  });

  test('a flag given twice: the last one, as commander takes it', async () => {
    process.stdin.isTTY = false;
    startSshEarly(['--ssh', 'a', '--ssh', 'g', '--ssh-command', 'ssh', '--ssh-command=true']);
    expect(takeEarlySession('a', { interactive: false, sshCommand: 'true' })).toBeUndefined();
    const taken = takeEarlySession('g', { interactive: false, sshCommand: 'true' });
    expect(taken).toBeDefined();
    await expect(taken).rejects.toThrow(/g/);
  });
});
