import { spawn, spawnSync } from 'node:child_process';
import { ToolError, errnoCode } from '../shared/errors.js';
import { printable } from '../shared/text.js';

export interface SshExit {
  /** ssh's exit status: the remote command's, or 255 for ssh's own failures; null if killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export function notRunnable(program: string, err: unknown): ToolError {
  const why =
    errnoCode(err) === 'ENOENT' ? 'not found' : err instanceof Error ? err.message : String(err);
  return new ToolError(
    `cannot run ${printable(program)}: ${why}; install the OpenSSH client, or name it with --ssh-command`,
  );
}

/**
 * Runs ssh and collects its output. `stdin` is written and closed; without
 * it ssh reads nothing (-n is not used: the mux client needs a stdin).
 * `stderrFd` sends stderr to a file instead (a master that goes to the
 * background keeps it open, and a pipe would never close).
 */
export function runSsh(
  program: string,
  args: readonly string[],
  opts: { stdin?: string | Buffer; stderrFd?: number } = {},
): Promise<SshExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ['pipe', opts.stderrFd === undefined ? 'pipe' : 'ignore', opts.stderrFd ?? 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', (e) => reject(notRunnable(program, e)));
    // The remote side may stop reading before it has all of stdin (it failed, or the link dropped).
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.stdin ?? '');
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }),
    );
  });
}

/** A quick local ssh call (ssh -G, -Q, -O): no network, or only the local control socket. */
export function runSshSync(program: string, args: readonly string[]): SshExit {
  const r = spawnSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (r.error && errnoCode(r.error) === 'ENOENT') throw notRunnable(program, r.error);
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: r.stderr?.toString('utf8') ?? '',
  };
}
