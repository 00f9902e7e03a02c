import type { CpuInfo } from '../cpuinfo.js';
import type { RootFs } from '../../shared/rootfs.js';
import type { Evidence, KvmHostFinding } from '../types.js';

/** Informational: the document's advice is for KVM hosts, so say whether this looks like one. */
export async function kvmHostFinding(
  fs: RootFs,
  cpu: CpuInfo,
  live: boolean,
): Promise<KvmHostFinding> {
  const devKvm = await fs.exists('/dev/kvm', false);
  const evidence: Evidence[] = [
    {
      path: fs.hostPath('/dev/kvm'),
      // An offline disk's /dev is normally empty (devtmpfs fills it at boot).
      found: devKvm ? 'present' : live ? 'missing' : 'missing (an offline root has an empty /dev)',
    },
  ];

  let virtFlags: string[] | null = null;
  let hypervisorFlag: boolean | null = null;
  const withFlags = cpu.ok ? cpu.processors.filter((p) => p.flags) : [];
  if (cpu.ok && withFlags.length > 0) {
    virtFlags = ['vmx', 'svm'].filter((f) => withFlags.some((p) => p.flags?.has(f)));
    hypervisorFlag = withFlags.some((p) => p.flags?.has('hypervisor'));
    const shown = [...virtFlags, ...(hypervisorFlag ? ['hypervisor'] : [])];
    evidence.push({
      path: cpu.path,
      found:
        shown.length > 0 ? `cpu flags: ${shown.join(', ')}` : 'no vmx, svm or hypervisor cpu flag',
    });
  } else {
    evidence.push(cpu.ok ? { path: cpu.path, found: 'no flags line' } : cpu.evidence);
  }

  const signs = [
    ...(devKvm ? ['/dev/kvm is present'] : []),
    ...(virtFlags ?? []).map((f) => `cpu flag ${f}`),
  ];
  let summary: string;
  if (signs.length > 0) summary = `looks like a KVM host: ${signs.join(', ')}`;
  else if (virtFlags === null)
    summary = 'cannot tell whether this is a KVM host: no /dev/kvm, cpu flags unknown';
  else summary = 'does not look like a KVM host: no /dev/kvm and no vmx or svm cpu flag';
  if (hypervisorFlag) summary += '; it is itself a virtual machine (cpu flag hypervisor)';

  return {
    id: 'kvm-host',
    status: 'info',
    summary,
    evidence,
    data: { devKvm, virtFlags, hypervisorFlag },
  };
}
