import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CLI, copySample, runCli, type CliResult } from '../helpers/cli.js';

const made: string[] = [];

export function removeGuests(): void {
  for (const d of made.splice(0)) rmSync(path.dirname(d), { recursive: true, force: true });
}

/** A sample guest root on which a run wrote grub.conf.kvm and its diff, as an administrator reviews them. */
export function guestWithKvm(sample = 'rhel5.4-i686-nokvmclock'): {
  root: string;
  grub: string;
  conf: string;
  original: Buffer;
  kvm: Buffer;
} {
  const { root, grubConf } = copySample(sample);
  made.push(root);
  const r = runCli(['--root', root, '--yes', '--json']);
  if (r.code !== 0) throw new Error(`the run failed: ${r.stderr}`);
  return {
    root,
    grub: path.dirname(grubConf),
    conf: grubConf,
    original: readFileSync(grubConf),
    kvm: readFileSync(`${grubConf}.kvm`),
  };
}

/** The names in a directory, sorted, and what a run may leave there that it must not. */
export function names(dir: string): string[] {
  return readdirSync(dir).sort();
}

export function leftovers(dir: string): string[] {
  return names(dir).filter((n) => /\.tmp$|\.lock$|\.new$|\.old$/.test(n));
}

export function backupsIn(dir: string): string[] {
  return names(dir).filter((n) => /\.bak-\d{8}-\d{6}(-\d+)?$/.test(n));
}

export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  return runCli(args, { env });
}

/**
 * Starts the CLI and resolves once it says it paused at `step`
 * (FIX_CLOCK_DRIFT_TEST_PAUSE), with the process to end as the test likes.
 */
export function startPaused(
  args: string[],
  step: string,
): Promise<{
  child: ReturnType<typeof spawn>;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1', FIX_CLOCK_DRIFT_TEST_PAUSE: step },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`paused at ${step}`)) resolve({ child, stderr: () => err, exit });
    });
    void exit.then(() => reject(new Error(`exited before pausing at ${step}: ${err}`)));
  });
}

/**
 * Runs the CLI in a private mount namespace where grub.conf's directory is
 * a tmpfs holding its files and only `freeKiB` more: a full /boot. What the
 * directory holds after the run is returned, since the mount goes with the
 * namespace.
 */
export function onFullBoot(
  dir: string,
  freeKiB: number,
  args: string[],
): CliResult & { after: Record<string, string> } {
  const script = `d=$1; free=$2; shift 2
s=$(mktemp -d); cp -a "$d/." "$s/"
used=$(du -sk "$d" | cut -f1)
mount -t tmpfs -o size=$((used + free + 256))k fcd-full "$d"
cp -a "$s/." "$d/"; rm -rf "$s"
avail=$(df -Pk "$d" | awk 'NR==2 {print $4}')
dd if=/dev/zero of="$d/.filler" bs=1k count=$((avail - free)) 2>/dev/null
"$@"; st=$?
cd "$d" && for f in * .[!.]*; do [ -f "$f" ] && [ ! -h "$f" ] && [ "$f" != .filler ] && printf 'FILE %s %s\\n' "$f" "$(md5sum < "$f" | cut -c1-32)"; done
exit $st`;
  const r = spawnSync(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      'sh',
      dir,
      String(freeKiB),
      process.execPath,
      CLI,
      ...args,
    ],
    { env: { ...process.env, NO_COLOR: '1' }, input: '' },
  );
  const stdout = r.stdout.toString();
  const after: Record<string, string> = {};
  for (const m of stdout.matchAll(/^FILE (\S+) ([0-9a-f]{32})$/gm)) after[m[1]!] = m[2]!;
  return {
    code: r.status,
    stdout: stdout.replace(/^FILE .*\n/gm, ''),
    stderr: r.stderr.toString(),
    stdoutBytes: r.stdout,
    after,
  };
}

export function md5(data: Buffer): string {
  return spawnSync('md5sum', { input: data }).stdout.toString().slice(0, 32);
}
