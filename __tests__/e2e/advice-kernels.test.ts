import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { outputsIn, runCli, tempDir } from '../helpers/cli.js';

// Issue 10 through the built CLI: limits, hazards and kvm-clock judged per
// kernel, from real release strings, kernel versions and kernel log lines.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reports are checked field by field
type Report = Record<string, any>;

function conf(text: string): { dir: string; file: string } {
  const dir = tempDir('fcd-advice-');
  const file = path.join(dir, 'grub.conf');
  writeFileSync(file, text, 'latin1');
  return { dir, file };
}

function run(args: string[]): { code: number | null; rep: Report; stderr: string } {
  const r = runCli([...args, '--json']);
  return { code: r.code, rep: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const entry = (title: string, kernel: string, args: string): string =>
  `title ${title}\n\troot (hd0,0)\n\tkernel /vmlinuz-${kernel} ${args}\n`;

/** A kernel line's arguments padded to `bytes` bytes with a long root= path. */
function argsOf(bytes: number): string {
  const base = 'ro root=/dev/VolGroup00/LogVol00 rhgb quiet';
  return `${base} ${'x'.repeat(Math.max(0, bytes - base.length - 1))}`.slice(0, bytes);
}

const FACTS54 = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

describe('the kernel command line limit', () => {
  it('leaves a RHEL 5 entry alone when the added parameters would pass 255 bytes, and exits 1', () => {
    const { dir, file } = conf(entry('RHEL 5.4', '2.6.18-164.el5', argsOf(240)));
    const { code, rep } = run([...FACTS54, '--grub-conf', file]);
    expect(code).toBe(1);
    expect(rep.outcome).toBe('not-edited');
    expect(rep.params).toEqual([]);
    expect(rep.entries[0].leftAlone).toMatch(
      /^its command line would be 258 bytes, more than the 255 its kernel keeps: the added parameters would be cut off .*RHEL 5 kernels.*remove arguments it does not need, such as rhgb quiet/,
    );
    expect(outputsIn(dir)).toEqual([]);
  });

  it('edits a RHEL 6 entry of the same length: its kernel keeps 2047 bytes', () => {
    const { file } = conf(entry('RHEL 6.4', '2.6.32-358.el6.x86_64', argsOf(300)));
    const { code, rep } = run([
      '--release',
      '6.4',
      '--arch',
      'x86_64',
      '--params',
      'notsc',
      '--grub-conf',
      file,
      '--dry-run',
    ]);
    expect(code).toBe(0);
    expect(rep.outcome).toBe('dry-run');
    expect(rep.entries[0].changed).toBe(true);
  });

  it('edits what fits and says why the other entry was left alone', () => {
    const { file } = conf(
      entry('short', '2.6.18-164.el5', 'ro root=LABEL=/') +
        entry('long', '2.6.18-128.el5', argsOf(250)),
    );
    const { code, rep } = run([...FACTS54, '--grub-conf', file, '--dry-run']);
    expect(code).toBe(0);
    expect(rep.entries.map((e: Report) => e.changed)).toEqual([true, false]);
    expect(rep.warnings.join('\n')).toMatch(
      /entry 1 left alone: its command line would be \d+ bytes/,
    );
  });

  it("assumes the guest release's limit for a kernel the table does not know, and says so", () => {
    const { file } = conf('title custom\n\tkernel /vmlinuz ro ' + 'y'.repeat(250) + '\n');
    const { code, rep } = run([...FACTS54, '--grub-conf', file]);
    expect(code).toBe(1);
    expect(rep.entries[0].leftAlone).toContain(
      "its kernel is not a RHEL kernel version, so the limit of a RHEL 5.4 kernel (the guest's release) is assumed",
    );
  });

  it('says what the kernel never sees of a line already too long', () => {
    const { file } = conf(entry('RHEL 5.4', '2.6.18-164.el5', `${argsOf(260)} notsc lpj=2394000`));
    const { code, rep } = run([...FACTS54, '--grub-conf', file]);
    expect(code).toBe(0);
    expect(rep.outcome).toBe('unchanged');
    expect(rep.warnings.join('\n')).toMatch(
      /entry 0: its command line is \d+ bytes, more than the 255 its kernel keeps .*the kernel never sees .*notsc lpj=2394000/,
    );
  });
});

describe('hazards judged against the kernel each entry boots', () => {
  const MIXED = entry('5.8', '2.6.18-308.el5', 'ro') + entry('5.7', '2.6.18-274.el5', 'ro');

  it('--release 5.8 --params divider=10 adds divider to the 5.8 kernel only', () => {
    const { file } = conf(MIXED);
    const { code, rep } = run([
      '--release',
      '5.8',
      '--arch',
      'x86_64',
      '--params',
      'divider=10',
      '--grub-conf',
      file,
      '--dry-run',
    ]);
    expect(code).toBe(0);
    expect(rep.entries.map((e: Report) => e.newArgs)).toEqual([['ro', 'divider=10'], ['ro']]);
    expect(rep.params).toEqual(['divider=10']);
    expect(rep.warnings.join('\n')).toContain(
      'entry 1: divider=10 not added to kernel 2.6.18-274.el5 (RHEL 5.7): divider= of any value can panic RHEL 5 kernels before 5.8',
    );
  });

  it('names divider= of any value on the line for what it is on each kernel', () => {
    const { file } = conf(
      entry('5.7', '2.6.18-274.el5', 'ro divider=100') +
        entry('5.0', '2.6.18-8.el5', 'ro divider=100') +
        entry('6.4', '2.6.32-358.el6.x86_64', 'ro divider=100'),
    );
    const { rep } = run([...FACTS54, '--grub-conf', file, '--dry-run']);
    const w = rep.warnings.join('\n');
    expect(w).toMatch(
      /entry 0: divider=100 is already on the line: divider= of any value can panic RHEL 5 kernels before 5\.8/,
    );
    expect(w).toMatch(
      /entry 1: divider=100 is already on the line: RHEL 5\.0 kernels do not know divider=/,
    );
    expect(w).toMatch(
      /entry 2: divider=100 is already on the line: RHEL 6 and later kernels are tickless/,
    );
    expect(w).not.toMatch(/entry 2: .*can panic/);
  });

  it('clocksource= on RHEL 4: clock=pmtmr on i686, notsc on x86_64, for one there or added', () => {
    const rhel4 = entry('4.8', '2.6.9-89.EL', 'ro clocksource=acpi_pm');
    const i686 = run([
      '--release',
      '4.8',
      '--arch',
      'i686',
      '--grub-conf',
      conf(rhel4).file,
      '--dry-run',
    ]);
    expect(i686.rep.warnings.join('\n')).toContain(
      'clocksource=acpi_pm is already on the line: RHEL 4 kernels (2.6.9) know only clock=, not clocksource=: use clock=pmtmr',
    );
    const x64 = run([
      '--release',
      '4.8',
      '--arch',
      'x86_64',
      '--grub-conf',
      conf(rhel4).file,
      '--dry-run',
    ]);
    expect(x64.rep.warnings.join('\n')).toContain(
      'RHEL 4 x86_64 kernels (2.6.9) know neither clocksource= nor clock=: use notsc',
    );
    const added = run([
      '--release',
      '4.8',
      '--arch',
      'i686',
      '--params',
      'clocksource=acpi_pm',
      '--dry-run',
      '--grub-conf',
      conf(entry('4.8', '2.6.9-89.EL', 'ro')).file,
    ]);
    expect(added.rep.warnings.join('\n')).toContain(
      'entry 0: clocksource=acpi_pm is added to the line of kernel 2.6.9-89.EL (RHEL 4.8): RHEL 4 kernels (2.6.9) know only clock=, not clocksource=: use clock=pmtmr',
    );
  });

  it('refuses an lpj the kernel would read as octal, or too large, naming the value', () => {
    for (const [v, why] of [
      ['lpj=02394000', 'the kernel reads a leading 0 as octal'],
      ['lpj=5000000000', 'more than 4294967295'],
      ['lpj=0x248690', 'is not a loops-per-jiffy value'],
    ]) {
      const r = runCli(['--params', `notsc ${v}`, '--grub-conf', conf(MIXED).file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(v);
      expect(r.stderr).toContain(why);
    }
  });
});

describe('the clock a guest really uses', () => {
  function root(files: Record<string, string>): string {
    const r = tempDir('fcd-guest-');
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(r, p)), { recursive: true });
      writeFileSync(path.join(r, p), text);
    }
    return r;
  }
  const RHEL55 = 'Red Hat Enterprise Linux Server release 5.5 (Tikanga)\n';
  const GRUB = (args: string): string => `default=0\n${entry('RHEL 5.5', '2.6.18-194.el5', args)}`;

  it('a kernel with kvm-clock that runs on the TSC drifts today: said, with what to remove', () => {
    const r = root({
      'etc/redhat-release': RHEL55,
      'boot/grub/grub.conf': GRUB('ro root=LABEL=/ clocksource=tsc'),
      'sys/devices/system/clocksource/clocksource0/available_clocksource':
        'kvm-clock tsc acpi_pm jiffies\n',
      'sys/devices/system/clocksource/clocksource0/current_clocksource': 'tsc\n',
    });
    const { code, rep } = run(['--root', r, '--arch', 'i686', '--no-lpj', '--yes']);
    expect(code).toBe(0);
    expect(rep.outcome).toBe('no-params');
    const w = rep.warnings.join('\n');
    expect(w).toContain('but keeps time with the TSC');
    expect(w).toContain(
      'entry 0: clocksource=tsc is on the line: it makes the kernel use the TSC instead of kvm-clock, so this guest keeps time with the TSC and drifts today although its kernel has kvm-clock: remove clocksource=tsc from the line',
    );
    const prose = runCli(['--root', r, '--arch', 'i686', '--no-lpj', '--yes']).stdout;
    expect(prose).toContain(
      'No additional kernel parameters are needed for this guest, but it does not use its kvm-clock now and drifts',
    );
  });

  it('no-kvmclock on the line is named even when the rules ask for nothing', () => {
    const r = root({ 'etc/redhat-release': RHEL55, 'boot/grub/grub.conf': GRUB('ro no-kvmclock') });
    const { rep } = run(['--root', r, '--arch', 'i686', '--pvclock', '--yes']);
    expect(rep.params).toEqual([]);
    expect(rep.warnings.join('\n')).toContain(
      'entry 0: no-kvmclock is on the line: it turns kvm-clock off',
    );
  });

  it('RHEL 5 x86_64: kvm-clock from the log lines and the version, not sysfs or the config', () => {
    const log = (clock: string): string =>
      `Linux version 2.6.18-194.el5 (mockbuild@x86-007.build.bos.redhat.com) #1 SMP\n${clock}Calibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)\n`;
    const base = {
      'etc/redhat-release': RHEL55,
      'boot/grub/grub.conf': GRUB('ro root=LABEL=/'),
      'boot/config-2.6.18-194.el5': 'CONFIG_X86_64=y\nCONFIG_HZ=1000\n',
    };
    const withKvm = root({
      ...base,
      'var/log/dmesg': log(
        'kvm-clock: cpu 0, msr 0:3f7e5001, boot clock\nTime: kvm-clock clocksource has been installed.\n',
      ),
    });
    const yes = run(['--root', withKvm, '--yes']);
    expect(yes.rep.facts.pvclock).toBe(true);
    expect(yes.rep.params).toEqual([]);
    const onTsc = root({
      ...base,
      'var/log/dmesg': log('Time: tsc clocksource has been installed.\n'),
    });
    const no = run(['--root', onTsc, '--yes', '--dry-run']);
    expect(no.rep.facts.pvclock).toBe(false);
    expect(no.rep.facts.sources.pvclock.note).toMatch(/that boot used tsc, not kvm-clock/);
    expect(no.rep.params).toEqual(['notsc', 'lpj=2393737']);
  });

  it('a preset lpj echo is not taken for a measurement', () => {
    const r = root({
      'etc/redhat-release': RHEL55,
      'boot/grub/grub.conf': GRUB('ro lpj=2000000'),
      'var/log/dmesg':
        'Linux version 2.6.18-194.el5 (m@x) #1 SMP\nCalibrating delay loop (skipped) preset value.. 4000.00 BogoMIPS (lpj=2000000)\n',
    });
    const { rep } = run(['--root', r, '--arch', 'x86_64', '--no-pvclock', '--yes', '--dry-run']);
    expect(rep.facts.lpj).toBeNull();
    expect(rep.facts.sources.lpj.source).toContain('echoes a preset, not a measurement');
  });
});

describe('which line GRUB boots', () => {
  it('an entry with two kernel lines: the last one loaded is edited, and that is said', () => {
    const text =
      'title two\n\tkernel /vmlinuz-2.6.18-128.el5 ro\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n';
    const { file } = conf(text);
    const { rep } = run([...FACTS54, '--grub-conf', file, '--dry-run']);
    expect(rep.entries[0]).toMatchObject({
      line: 3,
      image: '/vmlinuz-2.6.18-164.el5',
      changed: true,
    });
    expect(rep.warnings.join('\n')).toContain(
      'entry 0 has 2 kernel lines: GRUB loads each in turn and boots the last (line 3), so that one is edited',
    );
  });

  it('a Xen entry: the first module after the last kernel line is the Linux kernel', () => {
    const text =
      'title xen\n\tmodule /stray ro\n\tkernel /xen.gz-2.6.18-164.el5\n\tmodule /vmlinuz-2.6.18-164.el5xen ro\n\tmodule /initrd.img\n';
    const { rep } = run([...FACTS54, '--grub-conf', conf(text).file, '--dry-run']);
    expect(rep.entries[0]).toMatchObject({ kind: 'multiboot', line: 4, changed: true });
  });

  it('a trailing CR is part of the line ending: new arguments go before it', () => {
    const text =
      'title cr\n\tkernel /vmlinuz-2.6.18-164.el5 ro\r\r\ntitle eof\n\tkernel /vmlinuz-2.6.18-164.el5 ro\r';
    const { dir, file } = conf(text);
    expect(runCli([...FACTS54, '--grub-conf', file]).code).toBe(0);
    const kvm = readFileSync(path.join(dir, 'grub.conf.kvm'), 'latin1');
    expect(kvm).toBe(text.replace(/ro\r/g, 'ro notsc lpj=2394000\r'));
    // A second run finds the parameters there.
    expect(
      run([...FACTS54, '--grub-conf', path.join(dir, 'grub.conf.kvm'), '--dry-run']).rep.outcome,
    ).toBe('unchanged');
  });
});
