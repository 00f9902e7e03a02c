import { describeFailure, type RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';
import { describeElf, ELF_HEADER_BYTES, parseElfHeader } from './elf.js';
import { configArch, type KernelConfigs } from './kernel-config.js';
import { listOf } from '../../shared/text.js';

/** Binaries every guest has; the first that is an ELF file tells the userland's machine. */
const ELF_CANDIDATES = ['/bin/sh', '/bin/bash', '/sbin/init'];

/** uname -m values and what the rule tables call them. */
export function archFromMachine(machine: string): string {
  if (/^i[3-6]86$/.test(machine)) return 'x86';
  if (machine === 'amd64') return 'x86_64';
  return machine;
}

/** el6 and later kernel versions end with the architecture ("2.6.32-754.el6.x86_64"). */
export function archFromKernelVersion(version: string): string | undefined {
  const m = /\.(x86_64|i[3-6]86|aarch64|ppc64le|ppc64|s390x)$/.exec(version);
  return m ? archFromMachine(m[1] as string) : undefined;
}

export interface ArchOptions {
  /** The default entry's kernel version: its config is asked first. */
  kernelVersion?: string;
  /** `uname -m`, when the source is the system itself: the last resort. */
  machine?: string;
}

/**
 * The guest's architecture from its own files: the ELF header of /bin/sh,
 * then the kernel config, then the kernel version's suffix. The host's
 * machine (`options.machine`) is used only when the source is that system.
 */
export async function detectArch(
  fs: RootFs,
  configs: KernelConfigs,
  options: ArchOptions = {},
): Promise<Fact<string>> {
  const looked: string[] = [];
  for (const guestPath of ELF_CANDIDATES) {
    const r = await fs.read(guestPath, { max: ELF_HEADER_BYTES });
    if (!r.ok) {
      looked.push(describeFailure(r));
      continue;
    }
    const header = parseElfHeader(r.data);
    if (!header.ok) {
      looked.push(`${r.path} (${header.reason})`);
      continue;
    }
    const real = await fs.resolve(guestPath);
    const shown = real.ok ? fs.show(real.path) : r.path;
    const source = shown !== r.path ? `${r.path} -> ${shown}` : r.path;
    return known(header.arch, source, describeElf(header));
  }

  const version = options.kernelVersion;
  if (version !== undefined) {
    const c = await configs.get(version);
    const a = c.ok ? configArch(c.config) : undefined;
    if (c.ok && a) return known(a.arch, c.config.path, a.why);
    looked.push(c.ok ? `${c.config.path} (no CONFIG_X86_64 or CONFIG_X86_32)` : c.looked);
  }
  const { configs: all, looked: missed } = await configs.all();
  const answers = all.flatMap((c) => {
    const a = configArch(c);
    return a ? [{ c, a }] : [];
  });
  const archs = new Set(answers.map((x) => x.a.arch));
  const first = answers[0];
  if (first && archs.size === 1) {
    const note =
      answers.length > 1 ? `${first.a.why} in all ${answers.length} configs` : first.a.why;
    return known(first.a.arch, listOf(answers.map((x) => x.c.path)), note);
  }
  if (archs.size > 1)
    looked.push(
      `/boot configs disagree (${listOf(answers.map((x) => `${x.c.path}: ${x.a.arch}`))})`,
    );
  else if (all.length > 0)
    looked.push(`${listOf(all.map((c) => c.path))} (no CONFIG_X86_64 or CONFIG_X86_32)`);
  else looked.push(...missed);

  if (version !== undefined) {
    const fromVersion = archFromKernelVersion(version);
    if (fromVersion) return known(fromVersion, `kernel version ${version}`);
  }
  if (options.machine !== undefined) return known(archFromMachine(options.machine), 'uname -m');
  // The default kernel's config is also among all configs: name it once.
  return unknown(`not found in ${listOf([...new Set(looked)])}: give --arch x86_64|i686`);
}
