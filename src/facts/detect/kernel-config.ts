import { describeFailure, type RootFs } from '../../shared/rootfs.js';

/** A distribution kernel's config is 80 to 300 KiB; a bigger file is not one. */
const CONFIG_MAX = 1024 * 1024;
/** /boot of a long-lived guest can hold many kernels; a handful settles agreement. */
const MAX_CONFIGS = 16;

const WANTED = new Set([
  'CONFIG_X86_64',
  'CONFIG_X86_32',
  'CONFIG_X86',
  'CONFIG_ARM64',
  'CONFIG_KVM_CLOCK',
  'CONFIG_KVM_GUEST',
  'CONFIG_HZ',
]);

export interface KernelConfig {
  /** Host path of the file. */
  path: string;
  version: string;
  /** The options detection uses: their value, or false for "# CONFIG_X is not set". */
  options: ReadonlyMap<string, string | false>;
}

/** The few options detection needs from a kernel .config, or undefined if the text is not one. */
export function parseKernelConfig(text: string): Map<string, string | false> | undefined {
  const options = new Map<string, string | false>();
  let sawAny = false;
  for (const line of text.split('\n')) {
    let m = /^(CONFIG_\w+)=(.*)$/.exec(line);
    if (m) {
      sawAny = true;
      const key = m[1] as string;
      if (WANTED.has(key)) options.set(key, (m[2] as string).trim().replace(/^"(.*)"$/, '$1'));
      continue;
    }
    m = /^# (CONFIG_\w+) is not set/.exec(line);
    if (m) {
      sawAny = true;
      if (WANTED.has(m[1] as string)) options.set(m[1] as string, false);
    }
  }
  return sawAny ? options : undefined;
}

/** The architecture a config builds for, with the option that says so. */
export function configArch(c: KernelConfig): { arch: string; why: string } | undefined {
  const o = c.options;
  if (o.get('CONFIG_X86_64') === 'y') return { arch: 'x86_64', why: 'CONFIG_X86_64=y' };
  if (o.get('CONFIG_X86_32') === 'y') return { arch: 'x86', why: 'CONFIG_X86_32=y' };
  // 2.6.9 (RHEL 4) predates CONFIG_X86_32: an i386 config has CONFIG_X86=y and no CONFIG_X86_64.
  if (o.get('CONFIG_X86') === 'y')
    return { arch: 'x86', why: 'CONFIG_X86=y without CONFIG_X86_64' };
  if (o.get('CONFIG_ARM64') === 'y') return { arch: 'aarch64', why: 'CONFIG_ARM64=y' };
  return undefined;
}

/**
 * Whether the kernel has kvm-clock. Kernels from about 3.7 folded
 * CONFIG_KVM_CLOCK into CONFIG_KVM_GUEST, so that option speaks when the
 * older one is absent.
 */
export function configKvmClock(c: KernelConfig): { value: boolean; why: string } {
  const clock = c.options.get('CONFIG_KVM_CLOCK');
  if (clock !== undefined)
    return clock === 'y'
      ? { value: true, why: 'CONFIG_KVM_CLOCK=y' }
      : {
          value: false,
          why: clock === false ? 'CONFIG_KVM_CLOCK is not set' : `CONFIG_KVM_CLOCK=${clock}`,
        };
  const guest = c.options.get('CONFIG_KVM_GUEST');
  if (guest === 'y') return { value: true, why: 'CONFIG_KVM_GUEST=y (kvm-clock is part of it)' };
  return {
    value: false,
    why:
      guest === false
        ? 'CONFIG_KVM_GUEST is not set and no CONFIG_KVM_CLOCK'
        : 'no CONFIG_KVM_CLOCK or CONFIG_KVM_GUEST',
  };
}

export function configHz(c: KernelConfig): number | undefined {
  const hz = c.options.get('CONFIG_HZ');
  if (typeof hz !== 'string' || !/^\d+$/.test(hz)) return undefined;
  const n = Number(hz);
  return n > 0 ? n : undefined;
}

export type ConfigLookup = { ok: true; config: KernelConfig } | { ok: false; looked: string };

/** /boot/config-<version> files, each read once however many probes ask. */
export class KernelConfigs {
  private readonly byVersion = new Map<string, Promise<ConfigLookup>>();
  private allConfigs: Promise<{ configs: KernelConfig[]; looked: string[] }> | undefined;

  constructor(private readonly fs: RootFs) {}

  get(version: string): Promise<ConfigLookup> {
    let p = this.byVersion.get(version);
    if (!p) {
      p = this.load(version);
      this.byVersion.set(version, p);
    }
    return p;
  }

  private async load(version: string): Promise<ConfigLookup> {
    // A version with a slash would read outside /boot.
    if (version.includes('/') || version === '' || version === '.' || version === '..')
      return { ok: false, looked: `/boot/config-${version} (not a kernel version)` };
    const r = await this.fs.readText(`/boot/config-${version}`, { max: CONFIG_MAX });
    if (!r.ok) return { ok: false, looked: describeFailure(r) };
    const options = parseKernelConfig(r.text);
    if (!options)
      return {
        ok: false,
        looked: `${r.path} (${r.text.trim() === '' ? 'empty' : 'not a kernel config'})`,
      };
    return { ok: true, config: { path: r.path, version, options } };
  }

  /** Every /boot/config-* (newest names first, at most 16). */
  all(): Promise<{ configs: KernelConfig[]; looked: string[] }> {
    this.allConfigs ??= (async () => {
      const dir = await this.fs.list('/boot');
      if (!dir.ok)
        return {
          configs: [],
          looked: [dir.missing ? this.fs.hostPath('/boot/config-*') : describeFailure(dir)],
        };
      const versions = dir.names
        .filter((n) => n.startsWith('config-'))
        .map((n) => n.slice('config-'.length))
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .slice(0, MAX_CONFIGS);
      if (versions.length === 0)
        return { configs: [], looked: [`${this.fs.hostPath('/boot/config-*')} (none)`] };
      const found = await Promise.all(versions.map((v) => this.get(v)));
      const configs: KernelConfig[] = [];
      const looked: string[] = [];
      for (const f of found) {
        if (f.ok) configs.push(f.config);
        else looked.push(f.looked);
      }
      return { configs, looked };
    })();
    return this.allConfigs;
  }
}
