/**
 * selectRule's nearest-row extrapolation on a made-up table whose rows are
 * far enough apart that each choice (nearest below, nearest above, same major
 * only, a range's top, kvm-clock and arch filtering) gives a different row.
 */
import {
  isMatch,
  pvclockWords,
  selectRule,
  type NoRule,
  type RuleMatch,
} from '../../src/rules/select.js';
import type { Arch, RuleRow, RuleSet } from '../../src/rules/types.js';

const SOURCE = 'Test Guide 1.2';

function row(
  n: number,
  min: string,
  max: string | undefined,
  over: Partial<RuleRow> = {},
): RuleRow {
  const label = max === undefined ? `${min} and later` : max === min ? min : `${min}-${max}`;
  return {
    row: n,
    release: max === undefined ? { min, label } : { min, max, label },
    arch: 'x86_64',
    pvclock: 'any',
    params: [`p${n}`],
    source: SOURCE,
    ...over,
  };
}

const SET: RuleSet = {
  name: 'test-set',
  title: 'test',
  source: SOURCE,
  hypervisor: 'kvm',
  policy: 'test',
  rows: [
    row(1, '5.1', '5.1'),
    row(2, '5.3', '5.3'),
    row(3, '5.5', '5.6'),
    row(4, '5.9', '5.9', { pvclock: 'no' }),
    row(5, '5.9', '5.9', { pvclock: 'yes' }),
    row(6, '4.2', '4.2'),
    row(7, '4.8', '4.8'),
    row(8, '5.4', '5.4', { arch: 'x86' }),
    row(9, '7.0', undefined),
  ],
};

function pick(
  release: string,
  pvclock = false,
  arch: Arch = 'x86_64',
  set = SET,
): RuleMatch | NoRule {
  return selectRule(set, { release, arch, pvclock });
}

function rowOf(r: RuleMatch | NoRule): number | string {
  return isMatch(r) ? r.row.row : r.reason;
}

describe('a release no row covers takes the nearest row of its major release', () => {
  it.each([
    // Below wins over above, and the nearest below over a lower one.
    ['5.4', 2],
    ['5.2', 1],
    // Between a range's top and the next row: the range, by its top (5.6), not its bottom.
    ['5.7', 3],
    ['5.8', 3],
    // Nothing of the major below: the nearest above, not a later one.
    ['5.0', 1],
    ['4.0', 6],
    ['4.5', 6],
    ['4.9', 7],
    // Past the last row of the major: the last row that fits (kvm-clock no: row 4, not 5).
    ['5.10', 4],
    // "and later" rows cover what follows.
    ['7.5', 9],
  ])('%s: row %s', (release, expected) => {
    expect(rowOf(pick(release))).toBe(expected);
  });

  it('an exact match is one, and says so', () => {
    const r = pick('5.6');
    expect(r).toMatchObject({ exact: true, row: { row: 3 } });
    expect(r.reason).toBe(
      'row 3 (5.5-5.6 x86_64) of Test Guide 1.2, an exact match for release 5.6',
    );
  });

  it('the reason names the row, the source and which way it went', () => {
    expect(pick('5.4')).toMatchObject({
      exact: false,
      reason:
        'release 5.4 has no row of its own: extrapolated from row 2 (5.3 x86_64) of Test Guide 1.2, the nearest row at or below it in RHEL 5',
    });
    expect(pick('4.0')).toMatchObject({
      exact: false,
      reason:
        'release 4.0 has no row of its own: extrapolated from row 6 (4.2 x86_64) of Test Guide 1.2, no row at or below it, so the nearest row above it in RHEL 4',
    });
  });

  it('kvm-clock chooses between rows of one release, and the reason says which', () => {
    expect(rowOf(pick('5.9', false))).toBe(4);
    expect(rowOf(pick('5.9', true))).toBe(5);
    expect(pick('5.9', true).reason).toBe(
      'row 5 (5.9 x86_64, with kvm-clock) of Test Guide 1.2, an exact match for release 5.9',
    );
    expect(pick('5.9', false).reason).toContain('row 4 (5.9 x86_64, without kvm-clock)');
  });

  it('rows of another arch are not candidates, even an exact one', () => {
    expect(rowOf(pick('5.4', false, 'x86'))).toBe(8);
    expect(rowOf(pick('5.3', false, 'x86'))).toBe(8);
  });

  it('a major release with no row of its own gets none, not a neighbour major', () => {
    expect(rowOf(pick('6.1'))).toBe(
      'test-set (Test Guide 1.2) has no row for RHEL 6.1 x86_64 without kvm-clock (it has no RHEL 6 rows)',
    );
    expect(rowOf(pick('3.9'))).toBe(
      'test-set (Test Guide 1.2) has no row for RHEL 3.9 x86_64 without kvm-clock (it has no RHEL 3 rows)',
    );
  });

  it('no row for the arch at all: the release and arch are named', () => {
    const only64: RuleSet = { ...SET, rows: [row(1, '5.1', '5.1')] };
    expect(rowOf(pick('5.1', false, 'x86', only64))).toBe(
      'test-set (Test Guide 1.2) has no row for RHEL 5.1 x86 (its RHEL 5 rows: 5.1 x86_64)',
    );
  });

  it('no row for the distribution: said so, not a release', () => {
    const sles: RuleSet = { ...SET, rows: [row(1, '10.2', '10.2', { distro: 'sles' })] };
    expect(rowOf(pick('10.2', false, 'x86_64', sles))).toBe(
      'test-set (Test Guide 1.2) has no rows for RHEL',
    );
    expect(
      rowOf(selectRule(sles, { release: '10.2', arch: 'x86_64', pvclock: false, distro: 'sles' })),
    ).toBe(1);
    expect(
      rowOf(selectRule(sles, { release: '10.2', arch: 'x86', pvclock: false, distro: 'sles' })),
    ).toBe(
      'test-set (Test Guide 1.2) has no row for SLES 10.2 x86 (its SLES 10 rows: 10.2 x86_64)',
    );
  });

  it('a set that does not extrapolate answers only a covered release, in words', () => {
    const strict: RuleSet = { ...SET, extrapolate: 'none' };
    expect(rowOf(pick('5.3', false, 'x86_64', strict))).toBe(2);
    expect(rowOf(pick('5.4', true, 'x86_64', strict))).toBe(
      'test-set (Test Guide 1.2) has no row for RHEL 5.4 x86_64 with kvm-clock, and it does not extrapolate from the rows of other releases',
    );
  });
});

describe('pvclockWords', () => {
  it.each([
    ['any', ''],
    ['yes', ' with kvm-clock'],
    ['no', ' without kvm-clock'],
  ] as const)('%s: %j', (pvclock, words) => {
    expect(pvclockWords(row(1, '5.1', '5.1', { pvclock }))).toBe(words);
  });
});
