import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { defaultKernel } from '../collector/compare.js';
import { LINUX_SAMPLES } from '../collector/helpers.js';
import { SAMPLES, copySample, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { type GuestShell } from '../helpers/fake-guest.js';
import { type Proc, processes } from '../helpers/processes.js';
import { type GuestSpec } from '../helpers/sshd.js';

export { LINUX_SAMPLES };

const made: string[] = [];

/** A temp directory removed by removeScratch() (call it in afterAll). */
export function scratch(): string {
  const d = tempDir('fcd-guests-');
  made.push(d);
  return d;
}

export function removeScratch(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** An owner, group and mode no sample has, so that outputs taking them show where they came from. */
export const ODD = { uid: 4321, gid: 765, mode: 0o640 };

/** What the running guest's kernel says: the default entry's kernel, so it is the one --root assumes. */
export interface LiveKernel {
  /** `uname -r`. */
  release: string;
  /** `uname -m`. */
  machine: string;
  /** `dmesg`: the sample's boot log, as the ring buffer held it. */
  dmesg: Buffer;
}

export async function liveKernel(sample: string): Promise<LiveKernel> {
  const root = path.join(SAMPLES, sample);
  const release = await defaultKernel(root);
  if (release === undefined) throw new Error(`${sample}: no default kernel in its grub.conf`);
  const log = path.join(root, 'var/log/dmesg');
  return {
    release,
    machine: /x86_64/.test(sample) ? 'x86_64' : 'i686',
    dmesg: existsSync(log) ? readFileSync(log) : Buffer.alloc(0),
  };
}

/** A fake guest made from a sample, its uname and dmesg those of the sample's default kernel. */
export async function sampleGuest(
  alias: string,
  sample: string,
  shell: GuestShell,
  extra: Partial<GuestSpec> = {},
): Promise<GuestSpec> {
  const k = await liveKernel(sample);
  return {
    alias,
    sample,
    shell,
    uname: { r: k.release, m: k.machine, n: alias },
    dmesg: k.dmesg,
    ...extra,
  };
}

/** Gives a guest's grub.conf the odd owner and mode (ODD). */
export function oddGrubConf(root: string): void {
  const conf = path.join(root, 'boot/grub/grub.conf');
  chownSync(conf, ODD.uid, ODD.gid);
  chmodSync(conf, ODD.mode);
}

/** A copy of a sample, grub.conf given the odd owner and mode; removeScratch() removes it. */
export function oddCopy(sample: string): string {
  const { root } = copySample(sample);
  made.push(path.dirname(root));
  oddGrubConf(root);
  return root;
}

/** The same sample run with --root on an odd copy of its files. */
export function rootRun(
  sample: string,
  args: string[] = ['--yes', '--json'],
): { root: string; grub: string; r: CliResult; report: Report } {
  const root = oddCopy(sample);
  const r = runCli(['--root', root, ...args]);
  return {
    root,
    grub: path.join(root, 'boot/grub'),
    r,
    report: JSON.parse(r.stdout) as Report,
  };
}

// A JSON report is data whose shape the tests look into freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Report = Record<string, any>;

/**
 * What decides a run and what it tells, with the names of the guest's files
 * made the same: `prefix` (this machine's root, or "alias:") is removed from
 * every string. Facts keep their values; where each came from is compared
 * apart (a live guest's dmesg is read where a disk has only its logs).
 */
export function decisions(report: Report, prefix: string): Report {
  const plain = JSON.parse(JSON.stringify(report).split(prefix).join('')) as Report;
  const facts = { ...(plain.facts as Report) };
  delete facts.sources;
  return {
    facts,
    params: plain.params,
    rule: plain.rule,
    ruleNote: plain.ruleNote,
    perEntry: plain.perEntry,
    entries: plain.entries,
    outcome: plain.outcome,
    exitCode: plain.exitCode,
    changed: plain.changed,
    warnings: plain.warnings,
    advice: plain.advice,
    patch: plain.patch,
    input: plain.input,
  };
}

/** One line per path under dir (`skip` names left out): mode, owner, size, mtime and content hash (a link's target). */
export function treeListing(dir: string, skip: readonly string[] = ['.fcd']): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const rel = path.relative(dir, p);
      if (skip.includes(rel)) continue;
      const st = lstatSync(p);
      const what = st.isSymbolicLink()
        ? `-> ${readlinkSync(p)}`
        : st.isFile()
          ? createHash('sha256').update(readFileSync(p)).digest('hex')
          : st.isDirectory()
            ? 'dir'
            : 'other';
      const mode = (st.mode & 0o7777).toString(8);
      // A directory's size and mtime change with the names in it: its entries say what changed.
      const when = st.isDirectory() ? '' : ` ${st.size} ${st.mtimeMs}`;
      out.push(`${rel} ${mode} ${st.uid}:${st.gid}${when} ${what}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** The paths of a listing (its first words). */
export function pathsOf(listing: readonly string[]): string[] {
  return listing.map((l) => l.split(' ')[0] as string);
}

/** Live processes (not zombies) whose command line names `text` (an ssh master with its control path there). */
export function processesNaming(text: string): Proc[] {
  return processes()
    .filter((p) => p.state !== 'Z')
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p.pid}/cmdline`, 'latin1').includes(text);
      } catch {
        return false;
      }
    });
}

/** Mode and owner of a file as "mode uid:gid". */
export function modeOwner(file: string): string {
  const st = lstatSync(file);
  return `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
}

/**
 * A login that talks: a banner (one line looks like the start of something)
 * and a farewell around every command on stdout, and a line on stderr, as a
 * chatty /etc/profile or .bashrc does.
 */
export const NOISY_LOGIN = `#!/.fcd/busybox sh
if [ -n "$FCD_SHOWN" ]; then exec /.fcd/busybox sh "$@"; fi
FCD_SHOWN=1
export FCD_SHOWN
echo 'Welcome to noisy. Authorized use only!'
echo '-----BEGIN PGP SIGNED MESSAGE-----'
echo 'motd: disk 93% full' >&2
/.fcd/busybox sh "$@"
s=$?
echo 'Goodbye from noisy.'
exit $s
`;

/** Puts a login shell (a script run by busybox's sh) in place of a fake guest's sh. */
export function loginShell(root: string, text: string): void {
  const sh = path.join(root, '.fcd/bin/sh');
  unlinkSync(sh);
  writeFileSync(sh, text, { mode: 0o755 });
}
