import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { detectFacts } from '../../src/facts/detect/index.js';
import { rootSource } from '../../src/facts/sources/root.js';
import { kernelVersionFromImage } from '../../src/rules/kernel-version.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { defaultEntry } from '../../src/grub/select.js';
import { RootFs } from '../../src/shared/rootfs.js';
import type { Bundle } from '../../src/facts/sources/bundle.js';

/** Files detection reads the head of, with the bytes it reads (src/facts/detect/*.ts). */
export const HEAD_READS: [string, number][] = [
  ['/etc/redhat-release', 4096],
  ['/etc/oracle-release', 4096],
  ['/etc/os-release', 16384],
  ['/usr/lib/os-release', 16384],
  ['/etc/system-release', 4096],
  ['/etc/SuSE-release', 4096],
  ['/etc/debian_version', 4096],
  ['/bin/sh', 20],
  ['/bin/bash', 20],
  ['/sbin/init', 20],
  ['/sys/devices/system/clocksource/clocksource0/available_clocksource', 1024],
  ['/sys/devices/system/clocksource/clocksource0/current_clocksource', 1024],
  ['/sys/class/dmi/id/sys_vendor', 256],
  ['/sys/class/dmi/id/product_name', 256],
  ['/sys/hypervisor/type', 256],
  ['/proc/cmdline', 4096],
  ['/boot/grub/grub.conf', 16 * 1024 * 1024],
  ['/boot/grub/default', 64],
];

/** Phrases of the kernel log lines detection looks at (kernel-log.ts), and "Kernel command line". */
const LOG_WORDS = [
  'Linux version',
  'Calibrating delay',
  'clocksource',
  'timesource',
  'kvm-clock',
  'kvmclock',
  'Hypervisor detected',
  'DMI:',
  'Booting paravirtualized kernel',
  'Kernel command line',
];
const CONFIG_LINE = /^(?:CONFIG_\w+=|# CONFIG_\w+ is not set)/;
const WANTED =
  /^(?:CONFIG_(?:X86_64|X86_32|X86|ARM64|KVM_CLOCK|KVM_GUEST|HZ)=|# CONFIG_(?:X86_64|X86_32|X86|ARM64|KVM_CLOCK|KVM_GUEST|HZ) is not set)/;

function lines(b: Buffer): string[] {
  const t = b.toString('latin1');
  return (t.endsWith('\n') ? t.slice(0, -1) : t)
    .split('\n')
    .filter((l, i, a) => !(l === '' && a.length === 1));
}

/** What the collector should have sent of a file, from the original. */
export function expectedPart(bundleRecord: Bundle['records'][number], original: Buffer): Buffer {
  if (bundleRecord.kind !== 'file') throw new Error('not a file record');
  const r = bundleRecord;
  switch (r.part) {
    case 'whole':
      return original;
    case 'head':
      return original.subarray(0, r.max);
    case 'block': {
      const blank = original.indexOf('\n\n');
      return (blank < 0 ? original : original.subarray(0, blank + 2)).subarray(0, r.max);
    }
    case 'config': {
      const all = lines(original);
      const first = all.find((l) => CONFIG_LINE.test(l));
      const kept = [...(first === undefined ? [] : [first]), ...all.filter((l) => WANTED.test(l))];
      return Buffer.from(kept.map((l) => `${l}\n`).join(''), 'latin1');
    }
    case 'log': {
      const kept = lines(original).filter((l) => LOG_WORDS.some((w) => l.includes(w)));
      return Buffer.from(kept.map((l) => `${l}\n`).join(''), 'latin1');
    }
    case 'mounts': {
      const kept = lines(original).filter((l) => /^\S+ \/(?:boot(?:\/\S*)?)? /.test(l));
      return Buffer.from(kept.map((l) => `${l}\n`).join(''), 'latin1');
    }
  }
}

/** Every file record's bytes are in the unpacked root at its path, and are the part of the original the collector sends. */
export async function expectFilesMatch(
  original: string,
  bundle: Bundle,
  unpacked: string,
): Promise<number> {
  let checked = 0;
  for (const r of bundle.records) {
    if (r.kind !== 'file') continue;
    const got = await readFile(path.join(unpacked, r.path));
    expect({ path: r.path, bytes: got.toString('hex') }).toEqual({
      path: r.path,
      bytes: r.data.toString('hex'),
    });
    const want = expectedPart(r, await readFile(path.join(original, r.path)));
    expect({ path: r.path, part: r.part, bytes: r.data.toString('latin1') }).toEqual({
      path: r.path,
      part: r.part,
      bytes: want.toString('latin1'),
    });
    checked++;
  }
  return checked;
}

/** Detection's own reads of the head files give the same bytes (or the same kind of failure) on both roots. */
export async function expectSameHeadReads(original: string, unpacked: string): Promise<void> {
  const a = new RootFs(original);
  const b = new RootFs(unpacked);
  for (const [p, max] of HEAD_READS) {
    const [ra, rb] = await Promise.all([a.read(p, { max }), b.read(p, { max })]);
    const view = (r: typeof ra) =>
      r.ok
        ? { p, ok: true, data: r.data.toString('latin1') }
        : { p, ok: false, missing: r.missing };
    expect(view(rb)).toEqual(view(ra));
  }
}

/** Detection's facts on a root, its path written as <root>, so two roots compare. */
export async function factsOf(root: string, defaultKernelVersion?: string): Promise<unknown> {
  const facts = await detectFacts(
    rootSource(root),
    defaultKernelVersion === undefined ? {} : { defaultKernelVersion },
  );
  return JSON.parse(JSON.stringify(facts).split(root).join('<root>'));
}

/** The kernel version the default entry of a root's grub.conf boots, as the pipeline gives detection. */
export async function defaultKernel(root: string): Promise<string | undefined> {
  const text = await readFile(path.join(root, 'boot/grub/grub.conf'), 'latin1');
  const image = defaultEntry(parseGrubConfig(text)).entry?.image;
  return image === undefined ? undefined : kernelVersionFromImage(image);
}
