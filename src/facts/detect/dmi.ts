import type { RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';
import type { KernelLog } from './kernel-log.js';
import { firstLine, listOf, printable } from '../../shared/text.js';
import type { DetectedFacts, HypervisorKind } from './types.js';

const DMI_MAX = 256;

/** Vendors and products that name KVM/QEMU hosts, RHEV and the KVM-based clouds. */
const KVM_NAMES =
  /\b(?:qemu|kvm|bochs|red hat|ovirt|rhev|openstack|nutanix|google compute engine|amazon ec2|digitalocean)\b/i;

/**
 * Which hypervisor DMI strings or a kernel log name. Microsoft sells
 * hardware too, so Hyper-V needs its "Virtual Machine" product name.
 */
export function normalizeHypervisor(text: string): HypervisorKind {
  if (/vmware/i.test(text)) return 'vmware';
  if (/microsoft/i.test(text) && /virtual machine|hyper-?v/i.test(text)) return 'hyperv';
  if (/\bxen\b/i.test(text)) return 'xen';
  if (/innotek|virtualbox/i.test(text)) return 'virtualbox';
  if (KVM_NAMES.test(text)) return 'kvm';
  return 'other';
}

async function readOne(
  fs: RootFs,
  guestPath: string,
): Promise<{ path: string; value?: string; missing: boolean }> {
  const r = await fs.readText(guestPath, { max: DMI_MAX });
  if (!r.ok) return { path: r.missing ? r.path : `${r.path} (${r.reason})`, missing: true };
  const value = firstLine(r.text);
  return value === undefined
    ? { path: `${r.path} (empty)`, missing: true }
    : { path: r.path, value: printable(value, 80), missing: false };
}

/**
 * The hypervisor from DMI (sys_vendor, product_name), Xen's
 * /sys/hypervisor/type, or the kernel log (its hypervisor and DMI lines, then
 * kvm-clock lines). The raw strings go in the note.
 */
export async function detectHypervisor(
  fs: RootFs,
  log: Pick<KernelLog, 'hypervisor' | 'kvmClock'>,
): Promise<Fact<HypervisorKind>> {
  const [vendor, product, xen] = await Promise.all([
    readOne(fs, '/sys/class/dmi/id/sys_vendor'),
    readOne(fs, '/sys/class/dmi/id/product_name'),
    readOne(fs, '/sys/hypervisor/type'),
  ]);
  if (vendor.value !== undefined || product.value !== undefined) {
    const raw = [vendor.value, product.value].filter((v) => v !== undefined).join(' / ');
    const kind = normalizeHypervisor(raw);
    const sources = [vendor, product].filter((r) => r.value !== undefined).map((r) => r.path);
    return known(kind, listOf(sources), `DMI: ${raw}`);
  }
  if (xen.value !== undefined)
    return known(normalizeHypervisor(xen.value), xen.path, `/sys/hypervisor/type: ${xen.value}`);
  const h = log.hypervisor;
  if (h)
    return known(
      normalizeHypervisor(h.value),
      h.source,
      `"${h.line}"${h.earlierBoot ? ' (an earlier boot)' : ''}`,
    );
  // kvm-clock registers only when the kernel finds KVM's signature, so its lines place an offline disk's last boots on KVM.
  const k = log.kvmClock;
  if (k) return known('kvm', k.source, `"${k.line}": kvm-clock runs only on KVM`);
  return unknown(`not found in ${listOf([vendor.path, product.path])} or the kernel log`);
}

/** Hypervisors whose guests the KVM tables are not written for. */
const NOT_KVM: ReadonlySet<HypervisorKind> = new Set(['vmware', 'hyperv', 'xen', 'virtualbox']);

/**
 * Why the guest is clearly not a KVM guest, or undefined when nothing says
 * so. Only a named other hypervisor counts: a missing `hypervisor` flag
 * proves nothing on old kernels, and an offline disk has no DMI at all.
 */
export function notKvmReason(facts: Pick<DetectedFacts, 'hypervisor'>): string | undefined {
  const h = facts.hypervisor;
  if (h.value === undefined || !NOT_KVM.has(h.value)) return undefined;
  return `${h.source} names ${h.value}${h.note ? ` (${h.note})` : ''}, not KVM`;
}

export function isClearlyNotKvm(facts: Pick<DetectedFacts, 'hypervisor'>): boolean {
  return notKvmReason(facts) !== undefined;
}
