import semver from 'semver';
import { RULE_SETS } from '../../src/rules/registry.js';
import {
  appliesToDistro,
  extrapolationOf,
  refuseExtrapolation,
  throughMajor,
  type PolicyQuery,
} from '../../src/rules/policy.js';
import { releaseVersion } from '../../src/rules/release.js';
import { rhel6Guide } from '../../src/rules/rhel6-guide.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import { isMatch, selectRule, type NoRule, type RuleMatch } from '../../src/rules/select.js';
import type { Arch, RuleRow, RuleSet } from '../../src/rules/types.js';
import { vmwareKb1006427 } from '../../src/rules/vmware-kb-1006427.js';

function match(r: RuleMatch | NoRule): RuleMatch {
  if (!isMatch(r)) throw new Error(`expected a rule, got: ${r.reason}`);
  return r;
}

function noRule(r: RuleMatch | NoRule): NoRule {
  if (isMatch(r))
    throw new Error(`expected no rule, got row ${r.row.row} (${r.row.release.label})`);
  return r;
}

const q = (release: string, arch: Arch, pvclock = false): PolicyQuery => ({
  release,
  arch,
  pvclock,
});

describe('rhel6-guide with selectRule (same-major, the existing policy)', () => {
  it.each([
    ['7.0', 'x86_64', true, 1, []],
    ['7.9', 'x86_64', true, 1, []],
    ['8.4', 'x86_64', true, 1, []],
    ['6.1', 'x86_64', true, 2, []],
    ['6.10', 'x86_64', true, 2, []],
    ['6.0', 'x86_64', true, 3, []],
    ['6.0', 'x86_64', false, 4, ['notsc', 'lpj=n']],
    ['5.5', 'x86_64', true, 5, []],
    ['5.5', 'x86_64', false, 6, ['notsc', 'lpj=n']],
    ['5.5', 'x86', true, 7, []],
    ['5.5', 'x86', false, 8, ['clocksource=acpi_pm', 'lpj=n']],
    ['5.4', 'x86_64', true, 9, ['notsc']],
    ['5.4', 'x86_64', false, 9, ['notsc']],
    ['5.4', 'x86', true, 10, ['clocksource=acpi_pm']],
    ['5.3', 'x86_64', false, 11, ['notsc']],
    ['5.3', 'x86', false, 12, ['clocksource=acpi_pm']],
  ] as const)('%s %s kvm-clock %s: exactly row %i', (release, arch, pv, row, params) => {
    const m = match(selectRule(rhel6Guide, q(release, arch, pv)));
    expect(m).toMatchObject({ exact: true, row: { row, params } });
    expect(m.reason).toContain(rhel6Guide.source);
  });

  it('cites row 1, not row 2, for 7.x (6.1 and later ends with RHEL 6)', () => {
    expect(rhel6Guide.rows[1]?.release.max).toBe(throughMajor(6));
    expect(match(selectRule(rhel6Guide, q('7.2', 'x86_64', true))).row.release.label).toBe(
      '7.0 and later',
    );
  });

  it.each([
    ['5.6', 'x86_64', true, 5, []],
    ['5.11', 'x86_64', true, 5, []],
    ['5.9', 'x86_64', false, 6, ['notsc', 'lpj=n']],
    ['5.8', 'x86', false, 8, ['clocksource=acpi_pm', 'lpj=n']],
    ['6.5', 'x86_64', false, 4, ['notsc', 'lpj=n']],
    ['5.0', 'x86_64', true, 11, ['notsc']],
    ['5.2', 'x86', false, 12, ['clocksource=acpi_pm']],
  ] as const)('%s %s kvm-clock %s: extrapolated from row %i', (release, arch, pv, row, params) => {
    const m = match(selectRule(rhel6Guide, q(release, arch, pv)));
    expect(m).toMatchObject({ exact: false, row: { row, params } });
    expect(m.reason).toMatch(/has no row of its own: extrapolated from row/);
  });

  it.each([
    ['4.8', 'x86_64', false],
    ['4.8', 'x86', true],
    ['3.9', 'x86', false],
    ['6.0', 'x86', false],
    ['6.5', 'x86', true],
    ['7.0', 'x86_64', false],
    ['8.2', 'x86_64', false],
  ] as const)('%s %s kvm-clock %s: no rule', (release, arch, pv) => {
    expect(noRule(selectRule(rhel6Guide, q(release, arch, pv))).reason).toMatch(
      /rhel6-guide .* has no row for RHEL \d/,
    );
  });
});

describe('vmware-kb-1006427 with selectRule (none)', () => {
  it.each([
    ['6.0', 'x86', 'RHEL 6.x', []],
    ['6.10', 'x86', 'RHEL 6.x', []],
    ['5.4', 'x86', 'RHEL 5.4 to 5.8', []],
    ['5.8', 'x86', 'RHEL 5.4 to 5.8', []],
    ['5.1', 'x86', 'RHEL 5.1 to 5.3', ['divider=10', 'clocksource=acpi_pm']],
    ['5.3', 'x86', 'RHEL 5.1 to 5.3', ['divider=10', 'clocksource=acpi_pm']],
    ['5.0', 'x86', 'RHEL 5.0', ['clocksource=acpi_pm']],
    ['4.7', 'x86', 'RHEL 4.7 to 4.9', ['clock=pmtmr', 'divider=10', 'hpet=disable']],
    ['4.9', 'x86', 'RHEL 4.7 to 4.9', ['clock=pmtmr', 'divider=10', 'hpet=disable']],
    ['4.0', 'x86', 'RHEL 4.0 to 4.6', ['clock=pmtmr', 'hpet=disable']],
    ['4.6', 'x86', 'RHEL 4.0 to 4.6', ['clock=pmtmr', 'hpet=disable']],
    ['3.0', 'x86', 'RHEL 3', []],
    ['3.9', 'x86', 'RHEL 3', []],
    ['2.1', 'x86', 'RHEL 2.1', []],
    ['5.1', 'x86_64', 'RHEL 5.1 to 5.3', ['notsc', 'divider=10']],
    ['5.3', 'x86_64', 'RHEL 5.1 to 5.3', ['notsc', 'divider=10']],
    ['5.0', 'x86_64', 'RHEL 5.0', ['notsc']],
  ] as const)('RHEL %s %s: exactly %s', (release, arch, label, params) => {
    for (const pv of [false, true]) {
      const m = match(selectRule(vmwareKb1006427, q(release, arch, pv)));
      expect(m).toMatchObject({
        exact: true,
        set: vmwareKb1006427,
        row: { params, release: { label } },
      });
      expect(vmwareKb1006427.rows).toContain(m.row);
    }
  });

  it.each([
    ['5.9', 'x86'],
    ['5.11', 'x86'],
    ['5.4', 'x86_64'],
    ['5.8', 'x86_64'],
    ['6.5', 'x86_64'],
    ['4.8', 'x86_64'],
    ['7.0', 'x86'],
    ['7.0', 'x86_64'],
    ['2.0', 'x86'],
    ['9.0', 'x86'],
    ['10.1', 'x86'],
    ['11.0', 'x86'],
  ] as const)('RHEL %s %s: no rule, nothing extrapolated', (release, arch) => {
    const r = noRule(selectRule(vmwareKb1006427, q(release, arch)));
    expect(r.set).toBe(vmwareKb1006427);
    expect(r.reason).toMatch(/vmware-kb-1006427 \(VMware KB 1006427\) has no row for RHEL/);
  });

  it('does not let the SLES rows answer for RHEL 9, 10 or 11', () => {
    for (const release of ['9.0', '9.3', '10.0', '10.2', '11.0', '11.4']) {
      expect(isMatch(selectRule(vmwareKb1006427, q(release, 'x86')))).toBe(false);
    }
  });

  it.each([
    ['9.0', 'SLES 9', ['clock=pmtmr']],
    ['9.4', 'SLES 9', ['clock=pmtmr']],
    ['10.0', 'SLES 10 to SP2', ['clock=pmtmr']],
    ['10.2', 'SLES 10 to SP2', ['clock=pmtmr']],
    ['11.0', 'SLES 11', []],
    ['11.4', 'SLES 11', []],
  ] as const)('SLES %s x86: exactly %s', (release, label, params) => {
    const m = match(selectRule(vmwareKb1006427, { ...q(release, 'x86'), distro: 'sles' }));
    expect(m).toMatchObject({ exact: true, row: { distro: 'sles', params, release: { label } } });
  });

  it.each([
    ['10.3', 'x86', /has no row for SLES 10\.3 x86/],
    ['12.0', 'x86', /has no row for SLES 12\.0 x86/],
    ['11.0', 'x86_64', /has no row for SLES 11\.0 x86_64/],
  ] as const)('SLES %s %s: no rule', (release, arch, reason) => {
    expect(
      noRule(selectRule(vmwareKb1006427, { ...q(release, arch), distro: 'sles' })).reason,
    ).toMatch(reason);
  });

  it('says so when a set has no rows for the distribution', () => {
    expect(noRule(selectRule(rhev34, { ...q('11.0', 'x86'), distro: 'sles' })).reason).toBe(
      'rhev-3.4 (RHEV 3.4 Administration Guide 9.16.3) has no rows for SLES',
    );
  });
});

describe('policy hooks', () => {
  it('default to same-major and RHEL', () => {
    expect(extrapolationOf(rhev34)).toBe('same-major');
    expect(extrapolationOf(rhel6Guide)).toBe('same-major');
    expect(extrapolationOf(vmwareKb1006427)).toBe('none');
    expect(refuseExtrapolation(rhev34, q('5.5', 'x86'))).toBeUndefined();
    const row = rhev34.rows[0] as RuleRow;
    expect(appliesToDistro(row)).toBe(true);
    expect(appliesToDistro(row, 'sles')).toBe(false);
  });

  it('refuse with a reason that names the guest', () => {
    expect(refuseExtrapolation(vmwareKb1006427, q('5.9', 'x86'))?.reason).toBe(
      'vmware-kb-1006427 (VMware KB 1006427) has no row for RHEL 5.9 x86, and it does not extrapolate from the rows of other releases',
    );
    const withPv: RuleSet = { ...rhel6Guide, extrapolate: 'none' };
    expect(refuseExtrapolation(withPv, q('6.5', 'x86_64', false))?.reason).toMatch(
      /RHEL 6\.5 x86_64 without kvm-clock/,
    );
  });
});

/** Every release 2.0 to 8.9, and the two-digit minors the kernel table knows. */
const RELEASES = [2, 3, 4, 5, 6, 7, 8].flatMap((major) =>
  Array.from(
    { length: major === 5 ? 12 : major === 6 ? 11 : 10 },
    (_, minor) => `${major}.${minor}`,
  ),
);
const GRID = RELEASES.flatMap((release) =>
  (['x86_64', 'x86'] as const).flatMap((arch) =>
    [false, true].map((pvclock) => ({ release, arch, pvclock })),
  ),
);

function covers(row: RuleRow, release: string): boolean {
  const v = releaseVersion(release);
  if (semver.lt(v, releaseVersion(row.release.min))) return false;
  return row.release.max === undefined || semver.lte(v, releaseVersion(row.release.max));
}

describe.each(RULE_SETS.map((set) => ({ set })))(
  '$set.name over every release x arch x kvm-clock',
  ({ set }) => {
    it('gives a row of its own or a clear no-rule, never a throw', () => {
      expect(GRID).toHaveLength(2 * 2 * (10 * 5 + 12 + 11));
      let rows = 0;
      for (const g of GRID) {
        let r: RuleMatch | NoRule | undefined;
        expect(() => (r = selectRule(set, g))).not.toThrow();
        if (r === undefined) throw new Error('unreachable');
        expect(r.set).toBe(set);
        if (!isMatch(r)) {
          expect(r.reason).toMatch(new RegExp(`^${set.name} \\(${set.source}\\) has no row`));
          continue;
        }
        rows++;
        const row = r.row;
        expect(set.rows).toContain(row);
        expect(row.arch).toBe(g.arch);
        expect(row.distro ?? 'rhel').toBe('rhel');
        expect(row.pvclock === 'any' || (row.pvclock === 'yes') === g.pvclock).toBe(true);
        if (r.exact) {
          expect(covers(row, g.release)).toBe(true);
          expect(r.reason).toContain('exact match');
        } else {
          expect(extrapolationOf(set)).toBe('same-major');
          expect(
            set.rows.some(
              (o) =>
                o.arch === g.arch &&
                covers(o, g.release) &&
                (o.pvclock === 'any' || (o.pvclock === 'yes') === g.pvclock),
            ),
          ).toBe(false);
          expect(releaseVersion(row.release.min).major).toBe(releaseVersion(g.release).major);
          expect(r.reason).toContain('extrapolated from');
        }
      }
      expect(rows).toBeGreaterThan(0);
    });
  },
);
