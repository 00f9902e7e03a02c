import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  realpathSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolError, fsReason } from '../../shared/errors.js';
import type { Bundle, CommandRecord, FileRecord } from './bundle-format.js';
import { resolveInGuest } from './guest-paths.js';
import { planLayout } from './layout.js';
import { mountOf } from './mounts.js';

/** What a bundle holds, laid out as the guest's own root for detection to read. */
export interface UnpackedBundle {
  /** A private directory (mode 0700) laid out like the guest's root. */
  root: string;
  /** What the guest's running kernel said, for detection on a live guest. */
  live: {
    /** `dmesg`'s kernel log lines detection uses (latin1, as runDmesg reads them). */
    dmesg?: string;
    /** `uname -r`. */
    kernelRelease?: string;
    /** `uname -m`. */
    machine?: string;
    /** `uname -n`: what the guest calls itself. */
    hostname?: string;
    /** /proc/cmdline. */
    cmdline?: string;
    /** The collector's ntp-procs output: "processes N", then "PID NAME" lines (parseCollectedProcesses). */
    ntpProcs?: string;
  };
  /** The GRUB config, as the guest has it. */
  boot: {
    /** Where it was found (guest path): /boot/grub/grub.conf, menu.lst or /etc/grub.conf. */
    configPath?: string;
    /** The file that path leads to through symlinks (guest path). */
    realPath?: string;
    mode?: number;
    uid?: number;
    gid?: number;
    /** Whether the mount holding it is read-only, when /proc/mounts said. */
    readOnly?: boolean;
    mountPoint?: string;
  };
  collector: { format: number; version: string };
  /** Guest paths the collector could not read. */
  unreadable: string[];
  /** Guest paths not recreated, with why. */
  skipped: string[];
  /** Removes the directory and all in it. */
  cleanup(): Promise<void>;
}

/** The mtime of the newest log; older ones are a second older per age step. */
const LOG_EPOCH = 1_000_000_000;
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** One token of a command's output (`uname -r`), or undefined when it is anything else. */
function token(r: CommandRecord | undefined): string | undefined {
  if (!r || r.status !== 0) return undefined;
  const t = r.data.toString('latin1').trim();
  return /^[\x21-\x7e]{1,128}$/.test(t) ? t : undefined;
}

/**
 * Writes the bundle's files, directories and symlinks into a new private
 * directory in `parent` (default: the system's temporary directory). Nothing is written outside it: the layout is checked first
 * (each path once, nothing under a file or a symlink), directories and files
 * are created before any symlink (O_EXCL | O_NOFOLLOW besides), and every
 * symlink's target is rewritten to lead, inside the directory, where it led
 * on the guest.
 */
export async function unpackBundle(
  bundle: Bundle,
  options: { parent?: string } = {},
): Promise<UnpackedBundle> {
  const parent = options.parent ?? os.tmpdir();
  const fail = (msg: string): ToolError => new ToolError(`bundle ${bundle.name}: ${msg}`);
  let layout;
  try {
    layout = planLayout(bundle.records);
  } catch (e) {
    if (typeof e === 'string')
      throw fail(`${e}: collect it again with the collector this version prints`);
    throw e;
  }

  let root: string;
  try {
    root = realpathSync(mkdtempSync(path.join(parent, 'fcd-facts-')));
  } catch (e) {
    throw fail(
      `cannot make a temporary directory in ${parent}: ${fsReason(e)} (set TMPDIR to a writable directory)`,
    );
  }
  // Async, so that a failure is a rejection, as callers expect of a promise.
  const cleanup = async (): Promise<void> => rmSync(root, { recursive: true, force: true });
  const host = (guestPath: string): Buffer =>
    Buffer.concat([Buffer.from(root, 'utf8'), Buffer.from(guestPath, 'latin1')]);

  // Synchronous: a few dozen small files in a private directory, where each
  // asynchronous call would cost a round trip through libuv's thread pool.
  try {
    for (const dir of layout.dirs) mkdirSync(host(dir), { mode: 0o700 });
    for (const f of layout.files) {
      const fd = openSync(host(f.path), CREATE, 0o600);
      try {
        writeFileSync(fd, f.data);
      } finally {
        closeSync(fd);
      }
      if (f.age !== undefined) utimesSync(host(f.path), LOG_EPOCH - f.age, LOG_EPOCH - f.age);
    }
    // Last, so no write above can meet a symlink.
    for (const l of layout.links) symlinkSync(Buffer.from(l.target, 'latin1'), host(l.path));
  } catch (e) {
    await cleanup();
    throw fail(`cannot unpack it into ${root}: ${fsReason(e)}`);
  }

  const links = new Map<string, string>();
  const files = new Map<string, FileRecord>();
  const commands = new Map<string, CommandRecord>();
  const unreadable: string[] = [];
  let configPath: string | undefined;
  for (const r of bundle.records) {
    if (r.kind === 'link') links.set(r.path, r.target);
    else if (r.kind === 'file') files.set(r.path, r);
    else if (r.kind === 'cmd') commands.set(r.name, r);
    else if (r.kind === 'unreadable') unreadable.push(r.path);
    else if (r.kind === 'grub') configPath ??= r.path;
  }

  const live: UnpackedBundle['live'] = {};
  const dmesg = commands.get('dmesg');
  if (dmesg?.status === 0) live.dmesg = dmesg.data.toString('latin1');
  const release = token(commands.get('uname-r'));
  if (release !== undefined) live.kernelRelease = release;
  const machine = token(commands.get('uname-m'));
  if (machine !== undefined) live.machine = machine;
  const hostname = token(commands.get('uname-n'));
  if (hostname !== undefined) live.hostname = hostname;
  const procs = commands.get('ntp-procs');
  if (procs?.status === 0) live.ntpProcs = procs.data.toString('latin1');
  const cmdline = files.get('/proc/cmdline');
  if (cmdline) live.cmdline = cmdline.data.toString('latin1').trim();

  const boot: UnpackedBundle['boot'] = {};
  if (configPath !== undefined) {
    boot.configPath = configPath;
    const real = resolveInGuest(configPath, links);
    if (real !== undefined) boot.realPath = real;
    const conf = real === undefined ? undefined : files.get(real);
    if (conf?.mode !== undefined) boot.mode = conf.mode;
    if (conf?.uid !== undefined) boot.uid = conf.uid;
    if (conf?.gid !== undefined) boot.gid = conf.gid;
    const mounts = files.get('/proc/mounts');
    const mount =
      mounts && real !== undefined ? mountOf(mounts.data.toString('latin1'), real) : undefined;
    if (mount) {
      boot.readOnly = mount.readOnly;
      boot.mountPoint = mount.mountPoint;
    }
  }

  return {
    root,
    live,
    boot,
    collector: { format: bundle.format, version: bundle.collector },
    unreadable,
    skipped: layout.skipped,
    cleanup,
  };
}
