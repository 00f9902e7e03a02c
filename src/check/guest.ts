import { rmSync } from 'node:fs';
import { ToolError, UsageError } from '../shared/errors.js';
import { onAbort, quietly } from '../output/cleanup.js';
import { RootFs } from '../shared/rootfs.js';
import { printable } from '../shared/text.js';
import type { FactSource } from '../facts/source.js';
import { rootSource } from '../facts/sources/root.js';
import { openSshGuestFacts } from '../facts/sources/ssh-collect.js';
import { openBundleFile } from '../facts/sources/bundle-file.js';
import { bundleSource } from '../facts/sources/bundle-source.js';
import type { UnpackedBundle } from '../facts/sources/unpack.js';
import {
  parseCollectedProcesses,
  scanNtpProcesses,
  type NtpProcessScan,
} from '../facts/detect/ntp-processes.js';
import type { SessionOptions } from '../remote/ssh.js';

/** A running guest as check reads it. */
export interface CheckGuest {
  /** What the report calls it: the SSH target, or the root. */
  name: string;
  source: FactSource;
  /** Where the running kernel's version was read ("uname -r"). */
  kernelFrom: string;
  /** Which of ntpd and chronyd run. */
  processes(): Promise<NtpProcessScan>;
  close(): Promise<void>;
}

/**
 * A root here. `/` is the running system; another directory counts as a
 * running guest only with a /proc of its own (a chroot or a container's
 * root): a mounted disk has no running kernel to check, and is refused.
 */
export async function localGuest(root: string): Promise<CheckGuest> {
  const files = new RootFs(root);
  const cmdline = await files.readText('/proc/cmdline', { max: 4096 });
  if (!cmdline.ok || cmdline.text.trim() === '')
    throw new UsageError(
      `check needs the running guest: ${files.hostPath('/proc/cmdline')} is ${cmdline.ok ? 'empty' : cmdline.reason} (a guest disk mounted here has no running kernel): run check on the guest itself, or from here with --ssh GUEST`,
    );
  let source: FactSource;
  let kernelFrom = 'uname -r';
  if (files.isHostRoot) source = rootSource('/');
  else {
    kernelFrom = files.hostPath('/proc/sys/kernel/osrelease');
    source = { files, live: true };
    const release = await files.readText('/proc/sys/kernel/osrelease', { max: 256 });
    const r = release.ok ? release.text.trim() : '';
    if (/^[\x21-\x7e]{1,128}$/.test(r)) source.runningKernel = r;
  }
  return {
    name: files.root,
    source,
    kernelFrom,
    processes: () => scanNtpProcesses(files),
    close: async () => undefined,
  };
}

/**
 * A running guest known by its collector's bundle, unpacked into a private
 * root (removed by close, or on a signal): the cmdline, clocksource and NTP
 * processes it sent stand for the running kernel's.
 */
async function unpackedGuest(
  name: string,
  unpacked: UnpackedBundle,
  source: FactSource,
  closeAll: () => Promise<void>,
  where: string,
): Promise<CheckGuest> {
  // A run stopped by a signal runs no finally: the private copy goes then too.
  const forget = onAbort(() =>
    quietly(() => rmSync(unpacked.root, { recursive: true, force: true })),
  );
  const close = async () => {
    await closeAll();
    forget();
  };
  if (unpacked.live.cmdline === undefined || unpacked.live.cmdline === '') {
    await close();
    throw new ToolError(
      `check needs the running guest: ${where} gave no /proc/cmdline (is /proc mounted there?)`,
    );
  }
  return {
    name,
    source,
    kernelFrom: `uname -r on ${name}`,
    processes: async () => parseCollectedProcesses(unpacked.live.ntpProcs, `${name}:`),
    close,
  };
}

/** A live guest over one SSH connection: its collector's bundle, unpacked here. */
export async function sshGuest(target: string, opts: SessionOptions): Promise<CheckGuest> {
  const g = await openSshGuestFacts(target, opts);
  return unpackedGuest(target, g.unpacked, g.source, () => g.close(), target);
}

/**
 * A guest's bundle saved after its reboot (`--facts FILE`, the Ansible
 * role's G.facts): the same reading as over SSH, from the file.
 */
export async function factsGuest(file: string): Promise<CheckGuest> {
  const { unpacked, name } = await openBundleFile(file);
  const source = bundleSource(unpacked, `${name}:`);
  const where = `the bundle ${file === '-' ? 'on stdin' : printable(file)} of ${printable(name)}`;
  return unpackedGuest(name, unpacked, source, () => unpacked.cleanup(), where);
}
