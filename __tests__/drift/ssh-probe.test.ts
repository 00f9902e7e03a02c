import { ToolError } from '../../src/shared/errors.js';
import { openSession, type Session } from '../../src/remote/ssh.js';
import { sshClockProbe } from '../../src/drift/ssh-probe.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';

// The probe drift measures with: one sh on the guest, one line per command.
let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({ guests: [{ alias: 'g', shell: 'dash' }] });
});
afterAll(async () => {
  await sshd?.stop();
});

const sessions: Session[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function session(): Promise<Session> {
  const s = await openSession('g', { sshCommand: `ssh -F ${sshd.config}`, interactive: false });
  sessions.push(s);
  return s;
}

describe('sshClockProbe', () => {
  it('answers each command with its output (stderr too) and exit status, over one shell', async () => {
    const probe = sshClockProbe(await session());
    expect(await probe.run('fcd_kept=$$; echo one')).toEqual({
      code: 0,
      stdout: 'one\n',
      stderr: '',
    });
    expect(await probe.run('echo two; echo oops >&2; false')).toEqual({
      code: 1,
      stdout: 'two\noops\n',
      stderr: '',
    });
    // The same shell every time: what the first command set is still there.
    expect((await probe.run('echo $fcd_kept; echo $$')).stdout).toMatch(/^(\d+)\n\1\n$/);
    expect((await probe.run('printf x')).stdout).toBe('x');
    await probe.close();
  });

  it('a connection that ends mid-measurement is a one-line error naming the guest', async () => {
    const s = await session();
    const probe = sshClockProbe(s);
    await probe.run('true');
    process.kill(s.masterPid!, 'SIGKILL');
    const err = await probe.run('sleep 5; echo late').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as Error).message).toMatch(
      /^the connection to guest g ended during the measurement \(ssh exit status .*\); the measurement stopped \(run drift again\)$/,
    );
    await expect(probe.run('true')).rejects.toThrow(/ended during the measurement/);
    await probe.close();
  });

  it('a guest that does not answer in time stops the measurement', async () => {
    const probe = sshClockProbe(await session(), 300);
    await expect(probe.run('sleep 3')).rejects.toThrow(
      /^guest g did not answer "sleep 3" within 0\.3 s; the measurement stopped \(run drift again\)$/,
    );
    await probe.close();
  });
});
