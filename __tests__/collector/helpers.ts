import { spawnSync } from 'node:child_process';
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { COLLECTOR_SCRIPT } from '../../src/facts/sources/collector.js';
import { SAMPLES } from '../helpers/cli.js';

/** The shells the collector must run under; busybox ash runs its own applets (ls, od, grep, uname...) before PATH. */
export const SHELLS: { name: string; argv: string[]; fakes: boolean }[] = [
  { name: 'dash', argv: ['dash'], fakes: true },
  { name: 'bash --posix', argv: ['bash', '--posix'], fakes: true },
  { name: 'busybox ash', argv: ['busybox', 'ash'], fakes: false },
  { name: 'posh', argv: ['posh'], fakes: true },
];

/** The sample guest roots (the Windows ones have no Linux root to collect). */
export const LINUX_SAMPLES = [
  'centos6-x86_64',
  'rhel3.9-i686',
  'rhel4.8-i686',
  'rhel5.3-i686-crlf',
  'rhel5.4-i686-nokvmclock',
  'rhel5.4-x86_64',
  'rhel5.4-x86_64-disk',
];

export const FAKE_RELEASE = '2.6.18-164.el5';
export const FAKE_MACHINE = 'x86_64';
/** What the fake dmesg prints: the kernel lines detection uses among others it does not. */
export const FAKE_DMESG = [
  'Linux version 2.6.18-164.el5 (mockbuild@builder10.centos.org)',
  'Command line: ro root=/dev/VolGroup00/LogVol00',
  'Calibrating delay using timer specific routine.. 4787.47 BogoMIPS (lpj=2393737)',
  'eth0: link up',
  'Time: kvm-clock clocksource has been installed.',
];

const made: string[] = [];

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix)).then((d) => {
    made.push(d);
    return d;
  });
}

export async function removeTemps(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export interface Setup {
  /** The shipped collector, written out. */
  script: string;
  /** dmesg and uname fakes, first on PATH. */
  bin: string;
}

export async function setup(): Promise<Setup> {
  const dir = await tempDir('fcd-collector-');
  const script = path.join(dir, 'collector.sh');
  await writeFile(script, COLLECTOR_SCRIPT);
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  const dmesg = FAKE_DMESG.map((l) => `echo '${l}'`).join('\n');
  await writeFile(path.join(bin, 'dmesg'), `#!/bin/sh\n${dmesg}\necho 'to stderr' >&2\n`);
  await writeFile(
    path.join(bin, 'uname'),
    `#!/bin/sh\ncase "$1" in -r) echo ${FAKE_RELEASE} ;; -m) echo ${FAKE_MACHINE} ;; *) echo Linux ;; esac\n`,
  );
  await chmod(path.join(bin, 'dmesg'), 0o755);
  await chmod(path.join(bin, 'uname'), 0o755);
  return { script, bin };
}

export interface Collected {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs the collector under a shell against a root, as the guest's root user
 * would (FCD_ROOT set): from a file, or read from stdin (`sh < collector.sh`, as ssh runs it).
 */
export function collect(
  s: Setup,
  argv: string[],
  root: string,
  from: 'file' | 'stdin' = 'file',
): Collected {
  const [cmd, ...args] = argv as [string, ...string[]];
  const r = spawnSync(cmd, from === 'file' ? [...args, s.script] : args, {
    env: { PATH: `${s.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, FCD_ROOT: root },
    input: from === 'file' ? '' : COLLECTOR_SCRIPT,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('latin1') };
}

/**
 * A copy of a sample root with its logs' mtimes a whole second apart in
 * their old order (ext3 keeps whole seconds; busybox's ls and test see no
 * less), a grub.conf with a latin1 title and a CRLF line added, and a
 * GRUB `default` file holding a latin1 byte.
 */
export async function sampleCopy(name: string): Promise<string> {
  const root = path.join(await tempDir('fcd-sample-'), name);
  await cp(path.join(SAMPLES, name), root, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
  });
  const logDir = path.join(root, 'var/log');
  const logs = await readdir(logDir).catch(() => [] as string[]);
  const times = await Promise.all(
    logs.map(async (n) => ({ n, t: (await stat(path.join(logDir, n))).mtimeMs })),
  );
  const distinct = [...new Set(times.map((x) => x.t))].sort((a, b) => b - a);
  for (const { n, t } of times) {
    const when = 1_700_000_000 - distinct.indexOf(t);
    await utimes(path.join(logDir, n), when, when);
  }
  const grub = path.join(root, 'boot/grub');
  const conf = path.join(grub, 'grub.conf');
  await writeFile(
    conf,
    Buffer.concat([
      await readFile(conf),
      Buffer.from('title Entr\xe9e latin1\r\n\troot (hd0,0)\r\n', 'latin1'),
    ]),
  );
  await writeFile(path.join(grub, 'default'), Buffer.from('0\n# saved by grub \xff\n', 'latin1'));
  return root;
}

export type Entry = string | Buffer | { link: string } | { dir: true };

/** A throw-away guest root built from a path -> content map. */
export async function makeRoot(entries: Record<string, Entry>): Promise<string> {
  const root = await tempDir('fcd-root-');
  for (const [rel, entry] of Object.entries(entries)) {
    const p = path.join(root, rel);
    await mkdir(path.dirname(p), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await writeFile(p, entry);
    else if ('link' in entry) await symlink(entry.link, p);
    else await mkdir(p, { recursive: true });
  }
  return root;
}

/** Adler-32 as zlib computes it (the trailer of a zlib stream): a second opinion on the bundle's. */
export function zlibAdler(bytes: Buffer): string {
  const z = deflateSync(bytes);
  return z.subarray(z.length - 4).toString('hex');
}

export interface TestRecord {
  kind: string;
  attrs?: string;
  /** Raw "p" value (give "x:..." for hex). */
  p?: string;
  t?: string;
  data?: Buffer;
}

/** Writes a bundle by hand, checksums right, for hostile-input tests. */
export function writeBundle(
  records: TestRecord[],
  opts: { count?: number; format?: number } = {},
): string {
  const all: TestRecord[] = [
    { kind: 'bundle', attrs: `format=${opts.format ?? 1} collector=test` },
    ...records,
  ];
  const out = ['-----BEGIN FIX-CLOCK-DRIFT FACTS-----'];
  all.forEach((r, i) => {
    const n = i + 1;
    let meta = `@${n} ${r.kind}${r.attrs ? ` ${r.attrs}` : ''}\n`;
    if (r.p !== undefined) meta += `p ${r.p}\n`;
    if (r.t !== undefined) meta += `t ${r.t}\n`;
    const data = r.data ?? Buffer.alloc(0);
    const hex = data.toString('hex').match(/.{1,32}/g) ?? [];
    out.push(meta.slice(0, -1), ...hex);
    out.push(
      `.${n} size=${data.length} adler=${zlibAdler(Buffer.concat([Buffer.from(meta, 'latin1'), data]))}`,
    );
  });
  out.push(`-----END FIX-CLOCK-DRIFT FACTS ${opts.count ?? all.length} RECORDS-----`, '');
  return out.join('\n');
}
