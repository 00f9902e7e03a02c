import { decide } from '../../src/rules/decide.js';
import { findConflicts } from '../../src/rules/conflicts.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import { selectRule } from '../../src/rules/select.js';

describe('the seed table (RHEV 3.4 9.16.3)', () => {
  it('every row cites its source', () => {
    expect(rhev34.rows).toHaveLength(10);
    for (const row of rhev34.rows) expect(row.source).toBe('RHEV 3.4 Administration Guide 9.16.3');
  });

  it.each([
    ['5.4', 'x86_64', true, 1],
    ['5.4', 'x86_64', false, 2],
    ['5.4', 'x86', true, 3],
    ['5.4', 'x86', false, 4],
    ['5.3', 'x86_64', false, 5],
    ['5.3', 'x86', true, 6],
    ['4.8', 'x86_64', false, 7],
    ['4.8', 'x86', false, 8],
    ['3.9', 'x86_64', false, 9],
    ['3.9', 'x86', false, 10],
  ] as const)('%s %s pvclock=%s is row %d, exactly', (release, arch, pvclock, row) => {
    const m = selectRule(rhev34, { release, arch, pvclock });
    expect('row' in m && m.row.row).toBe(row);
    expect('exact' in m && m.exact).toBe(true);
  });

  it.each([
    ['5.10', 'x86_64', false, 2],
    ['5.5', 'x86', true, 3],
    ['5.0', 'x86_64', false, 5],
    ['4.9', 'x86', false, 8],
    ['4.0', 'x86_64', false, 7],
    ['3.1', 'x86', false, 10],
  ] as const)('%s %s pvclock=%s is extrapolated from row %d', (release, arch, pvclock, row) => {
    const m = selectRule(rhev34, { release, arch, pvclock });
    expect('row' in m && m.row.row).toBe(row);
    expect('exact' in m && m.exact).toBe(false);
  });

  it.each(['6.0', '7.9', '2.1', '1.0'])('%s has no row', (release) => {
    expect('row' in selectRule(rhev34, { release, arch: 'x86_64', pvclock: false })).toBe(false);
  });
});

describe('decide', () => {
  it('fills lpj=n with the real value', () => {
    const d = decide(rhev34, { release: '5.4', arch: 'x86', pvclock: false, lpj: 1234567 });
    expect('params' in d && d.params).toEqual(['clocksource=acpi_pm', 'lpj=1234567']);
  });

  it('leaves lpj out when unknown, with a warning that says how to get it', () => {
    const d = decide(rhev34, { release: '5.4', arch: 'x86_64', pvclock: false, lpj: undefined });
    expect('params' in d && d.params).toEqual(['notsc']);
    expect('warnings' in d && d.warnings.join()).toMatch(/--lpj N/);
  });

  it('leaves lpj out silently with --no-lpj', () => {
    const d = decide(rhev34, { release: '5.4', arch: 'x86_64', pvclock: false, lpj: 'omit' });
    expect('params' in d && d.params).toEqual(['notsc']);
    expect('warnings' in d && d.warnings).toEqual([]);
  });

  it('leaves what kvm-clock means for a release to the planner (plan/pvclock.ts)', () => {
    const d = decide(rhev34, { release: '4.8', arch: 'x86_64', pvclock: true, lpj: undefined });
    expect('warnings' in d && d.warnings).toEqual([]);
  });
});

describe('findConflicts', () => {
  it('names arguments that work against the added parameters', () => {
    expect(findConflicts(['ro', 'clocksource=tsc', 'notsc'], ['notsc'])).toEqual([
      'clocksource=tsc contradicts notsc: it selects the TSC, which notsc disables',
    ]);
    expect(
      findConflicts(['clock=pmtmr', 'clocksource=acpi_pm'], ['clocksource=acpi_pm'])[0],
    ).toMatch(/clock=pmtmr contradicts clocksource=acpi_pm/);
    expect(findConflicts(['ro', 'quiet'], ['notsc'])).toEqual([]);
  });
});
