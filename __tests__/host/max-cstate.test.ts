import { checkHost } from '../../src/host/index.js';
import { finding, makeRoot, OPTERON_2218, remedyLines, removeRoots } from './helpers.js';

afterAll(removeRoots);

const GRUB = (args: string): string =>
  'default=0\ntimeout=5\ntitle Red Hat Enterprise Linux Server (2.6.18-164.el5)\n' +
  '\troot (hd0,0)\n' +
  `\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 ${args}\n` +
  '\tinitrd /initrd-2.6.18-164.el5.img\n';

describe('max-cstate', () => {
  it('in grub.conf but not on the running command line: reboot, nothing to edit', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      'proc/cmdline': 'ro root=/dev/VolGroup00/LogVol00 quiet\n',
      'boot/grub/grub.conf': GRUB('quiet processor.max_cstate=1'),
    });
    const f = finding(await checkHost(root), 'max-cstate');
    expect(f.status).toBe('action');
    expect(f.summary).toContain(
      'though /boot/grub/grub.conf has it: the host has not been rebooted since',
    );
    expect(f.data).toMatchObject({ onCmdline: false, inGrubConf: true });
    expect(f.remedy).toEqual([{ say: 'Reboot the host so the kernel boots with it.' }]);
  });

  it('another value is an action, and the remedy line replaces it in place as grubby would', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      'proc/cmdline': 'ro processor.max_cstate=3 quiet\n',
      'boot/grub/grub.conf': GRUB('processor.max_cstate=3 quiet'),
    });
    const f = finding(await checkHost(root), 'max-cstate');
    expect(f.status).toBe('action');
    expect(f.summary).toMatch(
      /^processor\.max_cstate=3 is on the running kernel's command line, not processor\.max_cstate=1/,
    );
    expect(f.data.cmdlineValue).toBe('3');
    expect(remedyLines(f)).toEqual([
      'kernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 processor.max_cstate=1 quiet',
    ]);
  });

  it('the last processor.max_cstate on the command line is the one the kernel keeps', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      'proc/cmdline': 'processor.max_cstate=1 ro processor.max_cstate=2\n',
    });
    const f = finding(await checkHost(root), 'max-cstate');
    expect(f.status).toBe('action');
    expect(f.data.cmdlineValue).toBe('2');
  });

  it('intel_idle.max_cstate=0 alone does not meet the advice; it is shown as information', async () => {
    const root = await makeRoot({
      'proc/cpuinfo': OPTERON_2218,
      'proc/cmdline': 'ro intel_idle.max_cstate=0 idle=poll\n',
    });
    const f = finding(await checkHost(root), 'max-cstate');
    expect(f.status).toBe('action');
    expect(f.evidence.map((e) => e.found)).toContain(
      'also intel_idle.max_cstate=0 idle=poll (not what the document asks for)',
    );
    // No grub.conf to quote: the document's example line.
    expect(f.remedy?.[0]?.say).toContain("as in the document's example");
  });

  it('processors that disagree on constant_tsc count as a host without it', async () => {
    const cpu = (i: number, tsc: boolean): string =>
      `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 15\nflags\t\t: fpu tsc${tsc ? ' constant_tsc' : ''} vmx\n`;
    const root = await makeRoot({
      'proc/cpuinfo': [cpu(0, true), cpu(1, true), cpu(2, false), cpu(3, false)].join('\n'),
      'proc/cmdline': 'ro quiet\n',
    });
    const r = await checkHost(root);
    const tsc = finding(r, 'constant-tsc');
    expect(tsc.status).toBe('info');
    expect(tsc.data).toMatchObject({ present: 'some', processors: 4, withoutFlag: [2, 3] });
    expect(tsc.summary).toMatch(
      /^constant_tsc is on only 2 of 4 processors \(not on 2-3\), so the host counts as without it/,
    );
    expect(finding(r, 'max-cstate').status).toBe('action');
  });

  it('a cpuinfo without flags lines (not x86) is unknown, not absent', async () => {
    const root = await makeRoot({
      'proc/cpuinfo':
        'processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm\nCPU implementer\t: 0x41\n',
    });
    const r = await checkHost(root);
    expect(finding(r, 'constant-tsc')).toMatchObject({
      status: 'unknown',
      data: { present: null, processors: 1 },
    });
    expect(finding(r, 'kvm-host').data.virtFlags).toBeNull();
  });
});
