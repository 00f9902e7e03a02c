import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLI, REPO, runCli, type CliResult } from '../helpers/cli.js';
import { type Sshd } from '../helpers/sshd.js';
import { processesNaming, scratch } from './helpers.js';

export { removeScratch, scratch } from './helpers.js';

export interface SshRunOptions {
  cwd?: string;
  /** Handshakes sshd must count for the run on the guest's port (default 1). */
  connections?: number;
}

/** A private TMPDIR for one run: its ssh control directory and unpacked bundle go there. */
export function runTmp(): string {
  const tmp = path.join(scratch(), 'tmp');
  mkdirSync(tmp);
  return tmp;
}

/** What a finished run must have left: no process naming its TMPDIR (the ssh master), the TMPDIR empty. */
export function expectNothingLeft(tmp: string): void {
  expect(processesNaming(tmp)).toEqual([]);
  expect(readdirSync(tmp)).toEqual([]);
}

/**
 * `fix-clock-drift --ssh ALIAS --ssh-command "ssh -F <harness config>" ARGS`,
 * with a private TMPDIR; checks the handshakes sshd counted for it and that
 * nothing is left behind.
 */
export function sshRun(
  sshd: Sshd,
  alias: string,
  args: string[],
  opts: SshRunOptions = {},
): CliResult {
  const guest = sshd.guest(alias);
  const tmp = runTmp();
  const before = sshd.connections(guest.port);
  const r = runCli(['--ssh', alias, '--ssh-command', guest.sshCommand, ...args], {
    env: { TMPDIR: tmp },
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }),
  });
  expect(sshd.connections(guest.port) - before).toBe(opts.connections ?? 1);
  expectNothingLeft(tmp);
  return r;
}

/** The built CLI started without waiting for it (for a test that acts during the run). */
export function startCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
  });
}

/**
 * A failure as the README documents it: one line on stderr, "fix-clock-drift: "
 * and the message; exit 1; with --json the same message in a JSON object on
 * stdout. Returns the message.
 */
export function expectFault(r: CliResult, json: boolean): string {
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^fix-clock-drift: [^\n]+\n$/);
  const message = r.stderr.slice('fix-clock-drift: '.length, -1);
  if (json) {
    expect(JSON.parse(r.stdout)).toEqual({
      tool: 'fix-clock-drift',
      version: expect.any(String),
      error: message,
      exitCode: 1,
    });
  }
  return message;
}
