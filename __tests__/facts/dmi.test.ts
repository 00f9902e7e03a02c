import path from 'node:path';
import {
  detectHypervisor,
  isClearlyNotKvm,
  normalizeHypervisor,
  notKvmReason,
} from '../../src/facts/detect/dmi.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { fixture, makeRoot, removeRoots } from './helpers.js';

afterAll(removeRoots);

describe('normalizeHypervisor', () => {
  it.each([
    ['QEMU / Standard PC (i440FX + PIIX, 1996)', 'kvm'],
    ['Red Hat / KVM', 'kvm'],
    ['Red Hat / RHEV Hypervisor', 'kvm'],
    ['Bochs / Bochs', 'kvm'],
    ['OpenStack Foundation / OpenStack Nova', 'kvm'],
    ['KVM', 'kvm'],
    ['VMware, Inc. / VMware Virtual Platform', 'vmware'],
    ['VMware', 'vmware'],
    ['Microsoft Corporation / Virtual Machine', 'hyperv'],
    ['Microsoft Hyper-V', 'hyperv'],
    ['Microsoft Corporation / Surface Laptop 5', 'other'],
    ['Xen / HVM domU', 'xen'],
    ['Xen HVM', 'xen'],
    ['innotek GmbH / VirtualBox', 'virtualbox'],
    ['Dell Inc. / PowerEdge R730', 'other'],
  ])('%s is %s', (text, kind) => {
    expect(normalizeHypervisor(text)).toBe(kind);
  });
});

describe('detectHypervisor', () => {
  it('reads DMI and keeps the raw strings', async () => {
    const root = fixture('rhel48-i686');
    const dmi = path.join(root, 'sys/class/dmi/id');
    expect(await detectHypervisor(new RootFs(root), {})).toEqual({
      value: 'kvm',
      source: `${dmi}/sys_vendor, ${dmi}/product_name`,
      note: 'DMI: QEMU / Standard PC (i440FX + PIIX, 1996)',
    });
  });

  it("reads Xen's /sys/hypervisor/type", async () => {
    const root = await makeRoot({ 'sys/hypervisor/type': 'xen\n' });
    expect(await detectHypervisor(new RootFs(root), {})).toMatchObject({
      value: 'xen',
      note: '/sys/hypervisor/type: xen',
    });
  });

  it('falls back to the kernel log', async () => {
    const root = await makeRoot({});
    const f = await detectHypervisor(new RootFs(root), {
      hypervisor: {
        value: 'VMware',
        line: 'Hypervisor detected: VMware',
        source: '/g/var/log/dmesg',
        earlierBoot: false,
      },
    });
    expect(f).toEqual({
      value: 'vmware',
      source: '/g/var/log/dmesg',
      note: '"Hypervisor detected: VMware"',
    });
  });

  it('places a guest whose log shows kvm-clock on KVM', async () => {
    const root = await makeRoot({});
    const f = await detectHypervisor(new RootFs(root), {
      kvmClock: {
        value: true,
        line: 'kvm-clock: Using msrs 4b564d01 and 4b564d00',
        source: '/g/var/log/messages',
        earlierBoot: false,
      },
    });
    expect(f).toEqual({
      value: 'kvm',
      source: '/g/var/log/messages',
      note: '"kvm-clock: Using msrs 4b564d01 and 4b564d00": kvm-clock runs only on KVM',
    });
  });

  it('is unknown for empty and missing DMI', async () => {
    const root = fixture('broken');
    const dmi = path.join(root, 'sys/class/dmi/id');
    expect(await detectHypervisor(new RootFs(root), {})).toEqual({
      value: undefined,
      source: `not found in ${dmi}/sys_vendor (empty), ${dmi}/product_name or the kernel log`,
    });
  });
});

describe('notKvmReason', () => {
  it('names another hypervisor', () => {
    const facts = {
      hypervisor: {
        value: 'vmware' as const,
        source: '/sys/class/dmi/id/sys_vendor',
        note: 'DMI: VMware, Inc. / VMware Virtual Platform',
      },
    };
    expect(notKvmReason(facts)).toBe(
      '/sys/class/dmi/id/sys_vendor names vmware (DMI: VMware, Inc. / VMware Virtual Platform), not KVM',
    );
    expect(isClearlyNotKvm(facts)).toBe(true);
  });

  it.each([
    ['kvm', 'QEMU'],
    ['other', 'Dell Inc.'],
    [undefined, undefined],
  ] as const)('does not claim %s is not KVM', (value, note) => {
    expect(isClearlyNotKvm({ hypervisor: { value, source: 'x', ...(note ? { note } : {}) } })).toBe(
      false,
    );
  });
});
