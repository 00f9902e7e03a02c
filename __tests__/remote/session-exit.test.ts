import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { REPO, tempDir } from '../helpers/cli.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import { waitFor } from '../helpers/processes.js';

/**
 * A process that opened a session and then exits, or is stopped by a
 * signal, without calling close(): its master connection and control
 * directory must go with it. The session code runs bundled in a child node,
 * as in the CLI.
 */

let sshd: Sshd;
let program: string;
let scratch: string;

beforeAll(async () => {
  sshd = await startSshd({ guests: [{ alias: 'g' }] });
  const dir = tempDir('fcd-exit-');
  scratch = dir;
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { openSession } from ${JSON.stringify(path.join(REPO, 'src/remote/ssh.ts'))};
const [target, sshCommand, end] = process.argv.slice(2);
const s = await openSession(target, { sshCommand, interactive: false });
process.stdout.write(JSON.stringify({ pid: s.masterPid, dir: s.controlDir }) + '\\n');
if (end === 'exit') process.exit(0);
if (end === 'throw') throw new Error('crash');
setInterval(() => undefined, 1000);
`,
  );
  program = path.join(dir, 'entry.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: program,
    logLevel: 'error',
  });
});
afterAll(async () => {
  await sshd?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function gone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return true;
  }
}

async function started(child: ChildProcess): Promise<{ pid: number; dir: string }> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(() => out.includes('\n'), 20_000, 'the session to open');
  return JSON.parse(out) as { pid: number; dir: string };
}

test.each(['exit', 'throw', 'SIGTERM', 'SIGINT', 'SIGHUP'])(
  'the master connection and its directory go when the process ends (%s)',
  async (end) => {
    const child = spawn(process.execPath, [program, 'g', `ssh -F ${sshd.config}`, end], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const closed = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const { pid, dir } = await started(child);
    expect(pid).toBeGreaterThan(0);
    // A child that exits or throws may already be gone (and have cleaned up) by now.
    if (end.startsWith('SIG')) {
      expect(existsSync(dir)).toBe(true);
      child.kill(end as NodeJS.Signals);
    }
    const code = await closed;
    expect(code).toBe({ exit: 0, throw: 1, SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[end]);
    await waitFor(() => gone(pid), 5000, 'the master to exit');
    expect(existsSync(dir)).toBe(false);
  },
);
