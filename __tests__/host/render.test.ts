import { checkHost, hostReportJson, renderHostReport } from '../../src/host/index.js';
import { host } from './helpers.js';

describe('renderHostReport', () => {
  it('prints one block per finding, remedies indented, and a closing count of actions', async () => {
    const text = renderHostReport(await checkHost(host('rhel54-amd-revf'), { live: true }));
    const root = host('rhel54-amd-revf');
    expect(text).toContain(`Host check of ${root} (the running system)\n`);
    expect(text).toContain(
      [
        '[ACTION] max-cstate: processor.max_cstate=1 is not on the running kernel\'s command line (needed without constant_tsc; the document writes it "for AMD revision F CPUs only")',
        `    ${root}/proc/cmdline: ro root=/dev/VolGroup00/LogVol00 rhgb quiet`,
        `    ${root}/boot/grub/grub.conf: default entry: kernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet`,
        '  Remedy:',
        "    Append processor.max_cstate=1 to the host's kernel line in /boot/grub/grub.conf (its default entry), so that it reads:",
        '        kernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet processor.max_cstate=1',
        '    Then reboot the host: the kernel reads its command line only at boot.',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '  Remedy:',
        '    In /etc/sysconfig/cpuspeed set both to the highest available frequency (kHz):',
        '        MIN_SPEED=2600000',
        '        MAX_SPEED=2600000',
        '    Then restart cpuspeed:',
        '        service cpuspeed restart',
      ].join('\n'),
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 actions needed (max-cstate, cpufreq).');
  });

  it('says "if needed" for remedies of unknown findings and counts the unknowns', async () => {
    const text = renderHostReport(await checkHost(host('offline-rhel54')));
    expect(text).toContain('(an offline root: processes not looked at)');
    expect(text).toContain(
      '  Remedy, if needed:\n    If the host has no constant_tsc: append processor.max_cstate=1',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'No action needed; 3 unknowns (constant-tsc, max-cstate, cpufreq).',
    );
  });

  it('a host with nothing to do ends with "No action needed."', async () => {
    const text = renderHostReport(
      await checkHost(host('rhel7-intel-constant-tsc'), { live: true }),
    );
    expect(text.endsWith('\nNo action needed.\n')).toBe(true);
    expect(text).not.toContain('Remedy');
  });
});

describe('hostReportJson', () => {
  it('is plain data: counts, the ids to act on, and each finding with its data', async () => {
    const json = hostReportJson(await checkHost(host('rhel54-amd-revf'), { live: true }));
    // Survives a round trip through JSON unchanged: no Sets, no undefined.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({
      check: 'host',
      root: host('rhel54-amd-revf'),
      live: true,
      counts: { action: 2, unknown: 0, ok: 1, info: 2 },
      actions: ['max-cstate', 'cpufreq'],
    });
    const findings = json.findings;
    expect(findings.find((f) => f.id === 'cpufreq')).toMatchObject({
      remedy: [
        {
          say: 'In /etc/sysconfig/cpuspeed set both to the highest available frequency (kHz):',
          lines: ['MIN_SPEED=2600000', 'MAX_SPEED=2600000'],
        },
        { say: 'Then restart cpuspeed:', lines: ['service cpuspeed restart'] },
      ],
      data: { highestKHz: 2600000, pinned: false },
    });
    expect(findings.find((f) => f.id === 'ntp')?.remedy).toBeNull();
  });
});
