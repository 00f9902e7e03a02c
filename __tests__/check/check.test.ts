import { UsageError } from '../../src/shared/errors.js';
import { checkExitCode, localGuest, runCheck, type CheckReport } from '../../src/check/index.js';
import { makeRoot, removeRoots, type Entry } from '../facts/helpers.js';

afterAll(removeRoots);

const ARGS_164 = 'ro root=/dev/VolGroup00/LogVol00 rhgb quiet clocksource=acpi_pm lpj=2394132';

function grubConf(defaultArgs = ARGS_164): string {
  return [
    'default=0',
    'timeout=5',
    'title Red Hat Enterprise Linux Server (2.6.18-164.el5)',
    '\troot (hd0,0)',
    `\tkernel /vmlinuz-2.6.18-164.el5 ${defaultArgs}`,
    '\tinitrd /initrd-2.6.18-164.el5.img',
    'title Red Hat Enterprise Linux Server (2.6.18-128.el5)',
    '\troot (hd0,0)',
    '\tkernel /vmlinuz-2.6.18-128.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
    '',
  ].join('\n');
}

const SYSFS = 'sys/devices/system/clocksource/clocksource0';

/** A running RHEL 5.4 i686 guest seen from its root (a /proc of its own), NTP running and enabled. */
function guest(over: Record<string, Entry | undefined> = {}): Record<string, Entry> {
  const base: Record<string, Entry | undefined> = {
    'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.4 (Tikanga)\n',
    'boot/grub/grub.conf': grubConf(),
    'proc/cmdline': `${ARGS_164}\n`,
    'proc/sys/kernel/osrelease': '2.6.18-164.el5\n',
    'proc/1/stat': '1 (init) S 0 1 1\n',
    'proc/2861/stat': '2861 (ntpd) S 1 2861 2861\n',
    [`${SYSFS}/available_clocksource`]: 'acpi_pm jiffies tsc pit\n',
    [`${SYSFS}/current_clocksource`]: 'acpi_pm\n',
    'etc/rc.d/init.d/ntpd': '#!/bin/bash\n',
    'usr/sbin/ntpd': 'ELF',
    'etc/rc.d/rc3.d/S58ntpd': { link: '../init.d/ntpd' },
    ...over,
  };
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<
    string,
    Entry
  >;
}

async function check(entries: Record<string, Entry>): Promise<CheckReport> {
  const g = await localGuest(await makeRoot(entries));
  return runCheck(g);
}

function finding(r: CheckReport, id: string) {
  const f = r.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}

describe('check on a running guest', () => {
  it('holds when the kernel has the parameters, uses the clock they select, and ntpd runs and starts at boot', async () => {
    const r = await check(guest());
    expect(r.findings.map((f) => [f.id, f.status])).toEqual([
      ['cmdline', 'ok'],
      ['clocksource', 'ok'],
      ['ntp', 'ok'],
    ]);
    expect(checkExitCode(r)).toBe(0);
    expect(r.defaultEntry).toMatchObject({ index: 0, kernel: '2.6.18-164.el5' });
    expect(finding(r, 'clocksource').summary).toBe('acpi_pm is in use, as the parameters ask');
    expect(finding(r, 'clocksource').evidence[1]!.found).toBe(
      'clocksource=acpi_pm asks for acpi_pm (or pmtmr)',
    );
    expect(finding(r, 'ntp').evidence[0]).toEqual({
      source: expect.stringMatching(/\/proc\/\*\/stat$/),
      found: 'ntpd (pid 2861)',
    });
  });

  it('a parameter missing from /proc/cmdline, same kernel: grub.conf changed after this boot', async () => {
    const r = await check(
      guest({
        'proc/cmdline': 'ro root=/dev/VolGroup00/LogVol00 rhgb quiet clocksource=acpi_pm\n',
      }),
    );
    const f = finding(r, 'cmdline');
    expect(f.status).toBe('fail');
    expect(f.summary).toBe(
      'the running kernel lacks lpj=2394132 of the default entry: the default entry has parameters the running kernel was not booted with: grub.conf changed after this boot (reboot to use it), or the guest did not boot from this grub.conf',
    );
    expect(f.data).toEqual({ missing: ['lpj=2394132'] });
    expect(checkExitCode(r)).toBe(1);
  });

  it('another entry booted: names the entry that did, and the default one', async () => {
    const r = await check(
      guest({
        'proc/cmdline': 'ro root=/dev/VolGroup00/LogVol00 rhgb quiet\n',
        'proc/sys/kernel/osrelease': '2.6.18-128.el5\n',
      }),
    );
    expect(finding(r, 'cmdline').summary).toMatch(
      /lacks clocksource=acpi_pm lpj=2394132 of the default entry: another entry booted: the running kernel is 2\.6\.18-128\.el5 \(entry 1 "Red Hat Enterprise Linux Server \(2\.6\.18-128\.el5\)"\), the default entry 0 boots 2\.6\.18-164\.el5/,
    );
  });

  it('a command line longer than the kernel keeps: the line was cut, and by how much', async () => {
    const long = `ro root=/dev/VolGroup00/LogVol00 ${'console=ttyS0,115200n8 '.repeat(10)}rhgb quiet clocksource=acpi_pm lpj=2394132`;
    const kept = long.slice(0, 255);
    const r = await check(
      guest({ 'boot/grub/grub.conf': grubConf(long), 'proc/cmdline': `${kept}\n` }),
    );
    const f = finding(r, 'cmdline');
    expect(f.status).toBe('fail');
    expect(f.summary).toMatch(
      new RegExp(
        `the line was cut: the default entry's command line is ${long.length} bytes, the kernel keeps 255 \\(RHEL 5 kernels: boot protocol 2\\.04`,
      ),
    );
  });

  it('tsc in use despite notsc: the kernel did not take the parameter', async () => {
    const args = 'ro root=/dev/VolGroup00/LogVol00 notsc';
    const r = await check(
      guest({
        'boot/grub/grub.conf': grubConf(args),
        'proc/cmdline': `${args}\n`,
        [`${SYSFS}/current_clocksource`]: 'tsc\n',
      }),
    );
    const f = finding(r, 'clocksource');
    expect(f.status).toBe('fail');
    expect(f.summary).toMatch(
      /^tsc is in use, but notsc asks for a clock other than tsc: the kernel did not take the parameter/,
    );
    expect(f.evidence[0]).toEqual({
      source: expect.stringMatching(/current_clocksource$/),
      found: 'tsc',
    });
  });

  it('kvm-clock offered and no clock parameter: kvm-clock is expected', async () => {
    const args = 'ro root=/dev/VolGroup00/LogVol00';
    const r = await check(
      guest({
        'etc/redhat-release': 'Red Hat Enterprise Linux Server release 5.5 (Tikanga)\n',
        'boot/grub/grub.conf': grubConf(args),
        'proc/cmdline': `${args}\n`,
        [`${SYSFS}/available_clocksource`]: 'kvm-clock tsc acpi_pm\n',
        [`${SYSFS}/current_clocksource`]: 'tsc\n',
      }),
    );
    expect(finding(r, 'clocksource')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        /^tsc is in use, but the kernel has kvm-clock and the host offers it/,
      ),
    });
  });

  it("NTP not running and not enabled: the document's two commands", async () => {
    const r = await check(
      guest({
        'proc/2861/stat': undefined,
        'etc/rc.d/rc3.d/S58ntpd': undefined,
        'etc/rc.d/rc3.d/K74ntpd': { link: '../init.d/ntpd' },
      }),
    );
    expect(finding(r, 'ntp')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^ntpd is neither running nor started at boot/),
      remedy: ['service ntpd start', 'chkconfig ntpd on'],
      data: { daemon: 'ntpd', running: false, enabled: false },
    });
  });
});

describe('check on RHEL 4, which has no clocksource in sysfs', () => {
  const rhel4 = (log: string, args = 'ro root=LABEL=/ clock=pmtmr') =>
    guest({
      'etc/redhat-release': 'Red Hat Enterprise Linux AS release 4 (Nahant Update 8)\n',
      'boot/grub/grub.conf': grubConf(args).replace(/2\.6\.18-164\.el5/g, '2.6.9-89.EL'),
      'proc/cmdline': `${args}\n`,
      'proc/sys/kernel/osrelease': '2.6.9-89.EL\n',
      [`${SYSFS}/available_clocksource`]: undefined,
      [`${SYSFS}/current_clocksource`]: undefined,
      'var/log/dmesg': log,
    });

  it('reads the clock in use from this boot\'s "Using ... for high-res timesource" line', async () => {
    const ok = await check(
      rhel4('Linux version 2.6.9-89.EL (brewbuilder@x)\nUsing pmtmr for high-res timesource\n'),
    );
    expect(finding(ok, 'clocksource')).toMatchObject({
      status: 'ok',
      summary: 'pmtmr is in use, as the parameters ask',
      evidence: [
        {
          source: expect.stringMatching(/var\/log\/dmesg$/),
          found: '"Using pmtmr for high-res timesource"',
        },
        expect.anything(),
      ],
    });
    const bad = await check(
      rhel4('Linux version 2.6.9-89.EL (brewbuilder@x)\nUsing tsc for high-res timesource\n'),
    );
    expect(finding(bad, 'clocksource')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        /^tsc is in use, but clock=pmtmr asks for pmtmr \(or acpi_pm\)/,
      ),
    });
  });

  it("an earlier boot's line is not taken for this boot's", async () => {
    const r = await check(
      rhel4('Linux version 2.6.9-78.EL (brewbuilder@x)\nUsing pmtmr for high-res timesource\n'),
    );
    expect(finding(r, 'clocksource')).toMatchObject({
      status: 'unknown',
      summary: expect.stringMatching(
        /only an earlier boot \(2\.6\.9-78\.EL\) logged its clocksource/,
      ),
    });
    expect(checkExitCode(r)).toBe(1);
  });
});

it('a mounted disk (no /proc/cmdline) is refused: check needs the running guest', async () => {
  const root = await makeRoot(guest({ 'proc/cmdline': undefined }));
  await expect(localGuest(root)).rejects.toThrow(UsageError);
  await expect(localGuest(root)).rejects.toThrow(
    /^check needs the running guest: .*\/proc\/cmdline is missing/,
  );
});
