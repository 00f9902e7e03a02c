import { runCli, SAMPLES } from '../helpers/cli.js';
import path from 'node:path';

// What each sample guest root must make the tool conclude (see samples/*/README.sample),
// through the built CLI with detection only: no facts given as flags.
const CASES: [
  string,
  {
    release: string | null;
    arch: string;
    pvclock: boolean;
    lpj: number | null;
    set: string;
    row: number;
    params: string[];
    outcome: string;
  },
][] = [
  [
    'rhel5.4-x86_64',
    {
      release: '5.4',
      arch: 'x86_64',
      pvclock: true,
      lpj: 2393737,
      set: 'rhev-3.4',
      row: 1,
      params: [],
      outcome: 'no-params',
    },
  ],
  [
    'rhel5.4-i686-nokvmclock',
    {
      release: '5.4',
      arch: 'x86',
      pvclock: false,
      lpj: 2394132,
      set: 'rhev-3.4',
      row: 4,
      params: ['clocksource=acpi_pm', 'lpj=2394132'],
      outcome: 'dry-run',
    },
  ],
  [
    'rhel4.8-i686',
    {
      release: '4.8',
      arch: 'x86',
      pvclock: false,
      lpj: 2386135,
      set: 'rhev-3.4',
      row: 8,
      params: ['clock=pmtmr'],
      outcome: 'dry-run',
    },
  ],
  [
    'rhel3.9-i686',
    {
      release: '3.9',
      arch: 'x86',
      pvclock: false,
      lpj: null,
      set: 'rhev-3.4',
      row: 10,
      params: [],
      outcome: 'no-params',
    },
  ],
  [
    'rhel5.3-i686-crlf',
    {
      release: '5.3',
      arch: 'x86',
      pvclock: false,
      lpj: 2294590,
      set: 'rhev-3.4',
      row: 6,
      params: ['clocksource=acpi_pm'],
      outcome: 'dry-run',
    },
  ],
  [
    'rhel5.4-x86_64-disk',
    {
      release: '5.4',
      arch: 'x86_64',
      pvclock: true,
      lpj: 2394062,
      set: 'rhev-3.4',
      row: 1,
      params: [],
      outcome: 'no-params',
    },
  ],
  [
    'centos6-x86_64',
    {
      release: '6.4',
      arch: 'x86_64',
      pvclock: true,
      lpj: 2194970,
      set: 'rhel6-guide',
      row: 2,
      params: [],
      outcome: 'no-params',
    },
  ],
];

describe('detection on the sample guest roots', () => {
  it.each(CASES)('%s', (sample, want) => {
    const r = runCli(['--root', path.join(SAMPLES, sample), '--dry-run', '--json', '--yes']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.facts).toMatchObject({
      release: want.release,
      arch: want.arch,
      pvclock: want.pvclock,
      lpj: want.lpj,
    });
    for (const k of ['release', 'arch'] as const) {
      expect(rep.facts.sources[k].source).toContain(path.join(SAMPLES, sample));
    }
    // kvm-clock comes from the guest's files, or from its default kernel's version when that
    // kernel cannot have it (RHEL 3 and 4, RHEL 5 before 2.6.18-164.2.1.el5).
    const pv = rep.facts.sources.pvclock.source as string;
    if (!pv.startsWith('kernel version ')) expect(pv).toContain(path.join(SAMPLES, sample));
    else expect(want.pvclock).toBe(false);
    expect(rep.rule).toMatchObject({ set: want.set, row: want.row });
    expect(rep.params).toEqual(want.params);
    expect(rep.outcome).toBe(want.outcome);
  });

  it('marks a derived lpj as derived', () => {
    const rep = JSON.parse(
      runCli(['--root', path.join(SAMPLES, 'rhel5.3-i686-crlf'), '--dry-run', '--json', '--yes'])
        .stdout,
    );
    expect(rep.facts.sources.lpj.note).toMatch(/derived from BogoMIPS/);
  });

  it("reports each entry's kernel version", () => {
    const rep = JSON.parse(
      runCli(['--root', path.join(SAMPLES, 'rhel4.8-i686'), '--dry-run', '--json', '--yes']).stdout,
    );
    expect(rep.entries.map((e: { kernel: string }) => e.kernel)).toEqual([
      '2.6.9-89.ELsmp',
      '2.6.9-89.EL',
      '2.6.9-78.0.22.ELsmp',
    ]);
  });

  it("advises the seed's NTP commands when ntpd is not enabled", () => {
    const rep = JSON.parse(
      runCli(['--root', path.join(SAMPLES, 'rhel4.8-i686'), '--dry-run', '--json', '--yes']).stdout,
    );
    expect(rep.advice.join('\n')).toMatch(/service ntpd start; chkconfig ntpd on/);
  });

  it('flags win over detection', () => {
    const rep = JSON.parse(
      runCli([
        '--root',
        path.join(SAMPLES, 'rhel5.4-x86_64'),
        '--no-pvclock',
        '--lpj',
        '1000000',
        '--dry-run',
        '--json',
        '--yes',
      ]).stdout,
    );
    expect(rep.facts.sources.pvclock.source).toBe('--no-pvclock');
    expect(rep.params).toEqual(['notsc', 'lpj=1000000']);
  });

  it("on this machine's own /, reports a non-RHEL guest cleanly with exit 0", () => {
    const r = runCli(['--dry-run', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    // Whatever this machine is, the answer comes from its own files and never crashes.
    expect(rep.facts.sources.arch.source).toMatch(/^\/(bin|usr)/);
    if (
      rep.facts.family !== null &&
      !['rhel', 'centos', 'scientific', 'oracle', 'rocky', 'alma'].includes(rep.facts.family)
    ) {
      expect(rep.outcome).toBe('not-rhel');
      expect(rep.warnings.join('\n')).toMatch(
        /not a RHEL guest: no parameters from the RHEL tables|not a RHEL guest .*: no parameters from the RHEL tables/,
      );
    }
  });
});
