/**
 * --explain for a GRUB run (src/grub/explain.ts), from made-up results: for
 * each parameter added, what it does, the row that asked for it and the facts
 * that chose that row; entries left alone get nothing.
 */
import { explain, renderExplanation } from '../../src/grub/explain.js';
import type { EntryEdit } from '../../src/grub/edit.js';
import type { ParamsOrigin } from '../../src/plan/types.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import { FACTS, result } from './results.js';

function rule(row: number, exact = true): ParamsOrigin {
  const r = rhev34.rows[row - 1]!;
  return {
    kind: 'rule',
    match: { set: rhev34, row: r, exact, reason: 'nearest row below' },
    template: [...r.params],
  } as ParamsOrigin;
}

const ROW2 =
  'RHEV 3.4 Administration Guide 9.16.3, row 2: 5.4 x86_64 without kvm-clock -> notsc lpj=n';
const FACTS_ROW2 =
  'release 5.4 (from --release), arch x86_64 (from --arch), kvm-clock no (from --no-pvclock)';
const PARAMS = { kind: 'params-flag' } as const;
/** An edit that was refused for the entry (an unbalanced quote, say). */
const refused = (index: number) => ({ entry: { index }, skipped: 'why' }) as unknown as EntryEdit;

describe('explain', () => {
  it('one item a parameter, listing every entry that gets it; lpj=N also gives the lpj fact', () => {
    const plans = [0, 2].map((index) => ({
      index,
      params: ['notsc', 'lpj=2394000'],
      origin: rule(2),
    }));
    expect(explain(result({ plans, origin: rule(2) }))).toEqual([
      {
        param: 'notsc',
        what: expect.any(String),
        why: `${ROW2} (exact match)`,
        facts: FACTS_ROW2,
        entries: [0, 2],
      },
      {
        param: 'lpj=2394000',
        what: expect.any(String),
        why: `${ROW2} (exact match)`,
        facts: `${FACTS_ROW2}, lpj 2394000 (from --lpj)`,
        entries: [0, 2],
      },
    ]);
  });

  it('entries left alone by the plan or by the edit are not listed', () => {
    const plans = [0, 1, 2].map((index) => ({ index, params: ['notsc'], origin: rule(5) }));
    plans[1] = { ...plans[1]!, skipped: 'kvm-clock' } as (typeof plans)[number];
    const items = explain(result({ plans, edits: [refused(2)] }));
    expect(items.map((e) => e.entries)).toEqual([[0]]);
  });

  it('per entry: one item an entry, with the release of its kernel; a row for any kvm-clock says so', () => {
    const plans = [
      {
        index: 0,
        params: ['notsc'],
        origin: rule(5, false),
        release: '5.3',
        releaseSource: 'its kernel',
      },
      {
        index: 1,
        params: ['notsc'],
        origin: rule(5, false),
        release: '5.3',
        releaseSource: 'its kernel',
      },
    ];
    const items = explain(result({ plans, perEntry: true }));
    expect(items.map((e) => [e.param, e.entries])).toEqual([
      ['notsc', [0]],
      ['notsc', [1]],
    ]);
    expect(items[0]).toMatchObject({
      why: 'RHEV 3.4 Administration Guide 9.16.3, row 5: 5.3 x86_64 -> notsc (extrapolated): nearest row below',
      facts:
        'release 5.3 (from its kernel), arch x86_64 (from --arch), kvm-clock does not matter for this row',
    });
  });

  it('not per entry, an entry’s release is not the one shown: the guest’s fact is', () => {
    const plans = [
      { index: 0, params: ['notsc'], origin: rule(2), release: '5.3', releaseSource: 'k' },
    ];
    expect(explain(result({ plans }))[0]?.facts).toBe(FACTS_ROW2);
  });

  it('--params: given as they are, and no fact chose them', () => {
    const plans = [{ index: 0, params: ['divider=10'], origin: PARAMS }];
    expect(explain(result({ plans, origin: PARAMS }))).toEqual([
      {
        param: 'divider=10',
        what: expect.any(String),
        why: 'given with --params',
        facts: 'none: --params is used as given',
        entries: [0],
      },
    ]);
  });

  it('a plan without an origin: no rule consulted; unknown and assumed facts say so', () => {
    const facts = {
      ...FACTS,
      release: { value: undefined, source: 'no /etc/redhat-release' },
      pvclock: { value: true, source: 'dmesg', assumed: true },
    };
    const plans = [{ index: 0, params: ['notsc'] }];
    expect(explain(result({ plans, facts }))[0]).toMatchObject({
      why: 'no rule consulted',
      facts:
        'release not known (no /etc/redhat-release), arch x86_64 (from --arch), kvm-clock yes (assumed: dmesg)',
    });
  });

  it('no plans (no config was read): the guest’s parameters, for no entry in particular', () => {
    const items = explain(result({ params: ['notsc', 'lpj=2394000'], origin: rule(2) }));
    expect(items.map((e) => [e.param, e.entries, e.why])).toEqual([
      ['notsc', [], `${ROW2} (exact match)`],
      ['lpj=2394000', [], `${ROW2} (exact match)`],
    ]);
    expect(items[1]?.facts).toBe(`${FACTS_ROW2}, lpj 2394000 (from --lpj)`);
  });
});

describe('renderExplanation', () => {
  it('each parameter with its entries, what it does, who asked and why', () => {
    const plans = [0, 1].map((index) => ({ index, params: ['notsc'], origin: rule(2) }));
    const lines = renderExplanation(result({ plans }));
    expect(lines).toEqual([
      'Explanation:',
      '  notsc   (entries 0, 1)',
      `    what it does:  ${explain(result({ plans }))[0]?.what}`,
      `    asked for by:  ${ROW2} (exact match)`,
      `    because:       ${FACTS_ROW2}`,
    ]);
    expect(renderExplanation(result({ params: ['notsc'] }))[1]).toBe('  notsc');
  });

  it('nothing added: the rule that said so, and the facts', () => {
    expect(renderExplanation(result({ origin: rule(1) }))).toEqual([
      'Explanation:',
      '  No parameters are added. Rule: RHEV 3.4 Administration Guide 9.16.3, row 1: 5.4 x86_64 with kvm-clock -> no additional parameters (exact match).',
      `  Facts: ${FACTS_ROW2}`,
    ]);
    expect(renderExplanation(result({ origin: PARAMS }))).toEqual([
      'Explanation:',
      '  No parameters are added. Rule: given with --params.',
      '  Facts: none: --params is used as given',
    ]);
    expect(renderExplanation(result({}))[1]).toBe('  No parameters are added. ');
  });
});
