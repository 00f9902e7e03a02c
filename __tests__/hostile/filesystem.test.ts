import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, SAMPLES, type CliResult } from '../helpers/cli.js';
import {
  FACTS,
  expectFailure,
  expectOnlyAdded,
  expectSuccess,
  expectUntouched,
  isRoot,
  manyEntries,
  snapshot,
  write,
  type Snapshot,
  removeScratch,
  scratch,
} from './helpers.js';

/**
 * Mounts a tmpfs, copies the staged files in (cp -a keeps modes and
 * mtimes), optionally makes it read-only, runs the CLI on it, and copies
 * what is there afterwards out again, hidden files included. One script, so
 * it works the same as root (mount here) and, where mount is not permitted,
 * inside `unshare -rm` (a private mount namespace, where the mount is only
 * visible to the script's own processes). The script unmounts on exit;
 * afterAll catches any mount it left.
 */
const SCRIPT = `set -eu
mnt=$1; size=$2; stage=$3; after=$4; ro=$5; out=$6; shift 6
mount -t tmpfs -o "size=$size" tmpfs "$mnt"
trap 'umount "$mnt" 2>/dev/null || umount -l "$mnt"' EXIT
cp -a "$stage/." "$mnt/"
if [ "$ro" = ro ]; then mount -o remount,ro "$mnt"; fi
set +e
"$@" >"$out/stdout" 2>"$out/stderr"
echo $? >"$out/code"
cp -a "$mnt/." "$after/"
`;

const mounts: string[] = [];

afterAll(() => {
  const mounted = readFileSync('/proc/mounts', 'utf8');
  for (const m of mounts) {
    if (mounted.includes(` ${m} `)) spawnSync('umount', ['-l', m]);
  }
  removeScratch(); // after the unmounts: never recurse into a mounted tmpfs
});

const PAGE = Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout.trim()) || 4096;

interface TmpfsRun {
  r: CliResult;
  mnt: string;
  before: Snapshot;
  after: Snapshot;
}

function onTmpfs(opts: {
  size: number;
  files: Record<string, string | Buffer>;
  readOnly?: boolean;
  args: (mnt: string) => string[];
}): TmpfsRun {
  const base = scratch('fcd-tmpfs-');
  const [mnt, stage, after, out] = ['mnt', 'stage', 'after', 'out'].map((d) => {
    const p = path.join(base, d);
    mkdirSync(p);
    return p;
  }) as [string, string, string, string];
  for (const [name, content] of Object.entries(opts.files)) write(path.join(stage, name), content);
  const before = snapshot(stage);
  mounts.push(mnt);
  const argv = [
    mnt,
    String(opts.size),
    stage,
    after,
    opts.readOnly ? 'ro' : 'rw',
    out,
    process.execPath,
    CLI,
    ...opts.args(mnt),
  ];
  const tries: [string, string[]][] = [
    // FCD_TMPFS_VIA=unshare tries the fallback even as root.
    ...(isRoot() && process.env.FCD_TMPFS_VIA !== 'unshare'
      ? [['sh', ['-c', SCRIPT, 'sh', ...argv]] as [string, string[]]]
      : []),
    ['unshare', ['-rm', 'sh', '-c', SCRIPT, 'sh', ...argv]],
  ];
  const failures: string[] = [];
  for (const [cmd, args] of tries) {
    const s = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const codeFile = path.join(out, 'code');
    if (existsSync(codeFile)) {
      const stdoutBytes = readFileSync(path.join(out, 'stdout'));
      const r: CliResult = {
        code: Number(readFileSync(codeFile, 'utf8').trim()),
        stdout: stdoutBytes.toString('utf8'),
        stderr: readFileSync(path.join(out, 'stderr'), 'utf8'),
        stdoutBytes,
      };
      return { r, mnt, before, after: snapshot(after) };
    }
    failures.push(`${cmd}: ${(s.stderr || s.error?.message || `exit ${s.status}`).trim()}`);
  }
  throw new Error(
    `cannot mount a tmpfs for this test (${failures.join('; ')}): run the tests as root, or where unshare -rm is allowed`,
  );
}

const SAMPLE = readFileSync(path.join(SAMPLES, 'rhel5.4-x86_64/boot/grub/grub.conf'));

describe('a read-only file system', () => {
  it('is refused with exit 1 naming the directory; nothing changes', () => {
    const { r, mnt, before, after } = onTmpfs({
      size: 1024 * 1024,
      files: { 'grub.conf': SAMPLE },
      readOnly: true,
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`],
    });
    expectFailure(r, { code: 1, names: [mnt], says: /read-only file system/ });
    expectUntouched(before, after);
  });

  it('still allows --dry-run', () => {
    const { r, before, after } = onTmpfs({
      size: 1024 * 1024,
      files: { 'grub.conf': SAMPLE },
      readOnly: true,
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`, '--dry-run'],
    });
    expectSuccess(r);
    expectUntouched(before, after);
  });
});

describe('the disk filling up during the write', () => {
  // tmpfs counts whole pages: grub.conf, the lock, each output and each temp file take one or more.

  it('full before the lock: refused, nothing left', () => {
    const { r, mnt, before, after } = onTmpfs({
      size: PAGE,
      files: { 'grub.conf': SAMPLE },
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`],
    });
    expectFailure(r, { code: 1, names: [mnt], says: /no space left on device/ });
    expectUntouched(before, after);
  });

  it('no room for grub.conf.kvm: "no space left on device", temp file removed, nothing left', () => {
    const { r, mnt, before, after } = onTmpfs({
      size: 2 * PAGE, // grub.conf + lock
      files: { 'grub.conf': SAMPLE },
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`],
    });
    expectFailure(r, {
      code: 1,
      names: [`${mnt}/grub.conf.kvm`],
      says: /no space left on device/,
    });
    expectUntouched(before, after);
  });

  it('room for grub.conf.kvm but not its diff: neither is put in place, no half pair is left', () => {
    const { r, mnt, before, after } = onTmpfs({
      size: 3 * PAGE, // grub.conf + lock + grub.conf.kvm
      files: { 'grub.conf': SAMPLE },
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`],
    });
    expectFailure(r, {
      code: 1,
      names: [`${mnt}/grub.conf.kvm.diff`],
      // Both are written to temp files before either is put in place.
      says: /no space left on device.*neither .*grub\.conf\.kvm nor .*grub\.conf\.kvm\.diff was written/,
    });
    expectUntouched(before, after);
  });

  it('--force over an existing pair, room for the new grub.conf.kvm but not the new diff: the old pair stays as it was', () => {
    // grub.conf and the new grub.conf.kvm fit in one page each, the new diff needs two.
    const conf = manyEntries(Math.floor((PAGE * 55) / 4096));
    const files = { 'grub.conf': conf, 'grub.conf.kvm': 'old\n', 'grub.conf.kvm.diff': 'old\n' };
    const roomy = onTmpfs({
      size: 64 * PAGE,
      files,
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`, '--force'],
    });
    expectSuccess(roomy.r);
    const size = (f: string): number => Number(roomy.after[f]?.split(' ')[2]);
    expect(size('grub.conf')).toBeLessThanOrEqual(PAGE);
    expect(size('grub.conf.kvm')).toBeLessThanOrEqual(PAGE);
    expect(size('grub.conf.kvm.diff')).toBeGreaterThan(PAGE);
    expect(size('grub.conf.kvm.diff')).toBeLessThanOrEqual(2 * PAGE);

    // grub.conf, old kvm, old diff, lock, kvm temp = 5 pages; the diff temp then needs 6.
    const { r, mnt, before, after } = onTmpfs({
      size: 5 * PAGE,
      files,
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`, '--force'],
    });
    expectFailure(r, {
      code: 1,
      names: [`${mnt}/grub.conf.kvm.diff`],
      says: /no space left on device/,
    });
    // A new grub.conf.kvm beside the old diff would be reviewed with the wrong diff.
    expectUntouched(before, after);
  });

  it('with just enough room, the run succeeds', () => {
    const { r, before, after } = onTmpfs({
      size: 4 * PAGE, // grub.conf + lock + grub.conf.kvm + diff
      files: { 'grub.conf': SAMPLE },
      args: (m) => [...FACTS, '--grub-conf', `${m}/grub.conf`],
    });
    expectSuccess(r);
    expectOnlyAdded(before, after, ['grub.conf.kvm', 'grub.conf.kvm.diff']);
  });
});
