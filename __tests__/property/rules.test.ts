/**
 * The rule tables answer every release, arch and kvm-clock combination with a
 * row that really applies, or with a no-rule reason; never with an exception
 * or with the `lpj=n` placeholder still in the parameters.
 *
 * Replaying a failure: fast-check prints the seed and path of the failing
 * run; FC_SEED=<seed> FC_PATH=<path> npm test -- __tests__/property runs
 * exactly that case again (FC_RUNS_SCALE=10 multiplies the runs for a soak;
 * see runs() in arbitraries.ts).
 */
import fc from 'fast-check';
import semver from 'semver';
import { decide, type LpjChoice } from '../../src/rules/decide.js';
import { RULE_SETS } from '../../src/rules/registry.js';
import { releaseVersion } from '../../src/rules/release.js';
import { isMatch, selectRule, type NoRule, type RuleMatch } from '../../src/rules/select.js';
import {
  LPJ_PLACEHOLDER,
  type Arch,
  type Distro,
  type RuleRow,
  type RuleSet,
} from '../../src/rules/types.js';
import { runs } from './arbitraries.js';

interface Query {
  set: RuleSet;
  release: string;
  arch: Arch;
  pvclock: boolean;
  distro?: Distro;
}

const release = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.option(fc.integer({ min: 0, max: 20 }), { freq: 8 }))
  .map(([major, minor]) => (minor === null ? String(major) : `${major}.${minor}`));

const query: fc.Arbitrary<Query> = fc
  .record({
    set: fc.constantFrom(...RULE_SETS),
    release,
    arch: fc.constantFrom<Arch>('x86_64', 'x86'),
    pvclock: fc.boolean(),
    distro: fc.option(fc.constantFrom<Distro>('rhel', 'sles'), { freq: 3 }),
  })
  .map(({ distro, ...q }) => (distro === null ? q : { ...q, distro }));

const lpj: fc.Arbitrary<LpjChoice> = fc.oneof(
  fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  fc.constant(undefined),
  fc.constant('omit' as const),
);

function covers(row: RuleRow, rel: string): boolean {
  const v = releaseVersion(rel);
  if (semver.lt(v, releaseVersion(row.release.min))) return false;
  return row.release.max === undefined || semver.lte(v, releaseVersion(row.release.max));
}

/** The whole contract of one selectRule answer. */
function checkAnswer(q: Query, r: RuleMatch | NoRule): void {
  expect(r.set).toBe(q.set);
  expect(typeof r.reason).toBe('string');
  expect(r.reason.trim()).not.toBe('');
  if (!isMatch(r)) return;
  expect(q.set.rows).toContain(r.row);
  expect(r.row.arch).toBe(q.arch);
  expect(r.row.pvclock === 'any' || (r.row.pvclock === 'yes') === q.pvclock).toBe(true);
  expect(r.row.distro ?? 'rhel').toBe(q.distro ?? 'rhel');
  if (r.exact) {
    expect(covers(r.row, q.release)).toBe(true);
  } else {
    // Extrapolated: only where the set allows it, from the same major release,
    // and only when no row of its own exists.
    expect(q.set.extrapolate ?? 'same-major').toBe('same-major');
    expect(releaseVersion(r.row.release.min).major).toBe(releaseVersion(q.release).major);
    expect(covers(r.row, q.release)).toBe(false);
  }
}

describe('rule selection', () => {
  it('gives a row that applies, or a no-rule reason, for any release, arch and kvm-clock', () => {
    fc.assert(
      fc.property(query, (q) => {
        checkAnswer(q, selectRule(q.set, q));
      }),
      runs(600),
    );
  });

  it('does so for every combination of 0..12 x 0..20, arch, kvm-clock and set', () => {
    let answers = 0;
    for (const set of RULE_SETS)
      for (let major = 0; major <= 12; major++)
        for (let minor = 0; minor <= 20; minor++)
          for (const arch of ['x86_64', 'x86'] as const)
            for (const pvclock of [false, true]) {
              const q = { set, release: `${major}.${minor}`, arch, pvclock };
              checkAnswer(q, selectRule(set, q));
              answers++;
            }
    expect(answers).toBe(RULE_SETS.length * 13 * 21 * 4);
  });

  it('a row that covers the release is always found (an exact match is never missed)', () => {
    fc.assert(
      fc.property(query, (q) => {
        const applies = q.set.rows.some(
          (row) =>
            row.arch === q.arch &&
            (row.pvclock === 'any' || (row.pvclock === 'yes') === q.pvclock) &&
            (row.distro ?? 'rhel') === (q.distro ?? 'rhel') &&
            covers(row, q.release),
        );
        const r = selectRule(q.set, q);
        expect(isMatch(r) && r.exact).toBe(applies);
      }),
      runs(400),
    );
  });
});

describe('decide', () => {
  it('never throws and never leaves lpj=n in the parameters', () => {
    fc.assert(
      fc.property(query, lpj, (q, l) => {
        const { set, release: rel, arch, pvclock } = q;
        const d = decide(set, { release: rel, arch, pvclock, lpj: l });
        if (!('params' in d)) {
          checkAnswer({ set, release: rel, arch, pvclock }, d);
          return;
        }
        expect(d.params).not.toContain(LPJ_PLACEHOLDER);
        expect(d.template).toBe(d.match.row.params);
        checkAnswer({ set, release: rel, arch, pvclock }, d.match);
        // The template with lpj=n filled in (a number) or left out (omit, unknown).
        const expected = d.template.flatMap((p) =>
          p !== LPJ_PLACEHOLDER ? [p] : typeof l === 'number' ? [`lpj=${l}`] : [],
        );
        expect(d.params).toEqual(expected);
        for (const p of d.params) {
          expect(p).not.toMatch(/^lpj=(?![0-9]+$)/);
          expect(p).not.toMatch(/[ \t"]/);
        }
        if (l === undefined && d.template.includes(LPJ_PLACEHOLDER)) {
          expect(d.warnings.some((w) => w.includes('lpj'))).toBe(true);
        }
      }),
      runs(600),
    );
  });
});
