/**
 * The --json report of a GRUB run (src/grub/report.ts), from made-up
 * results: each fact with its source, and assumed or noted only when it is;
 * the rule when none was consulted or the row was extrapolated; entries.
 */
import { editPlans } from '../../src/grub/edit.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { buildReport } from '../../src/grub/report.js';
import type { ParamsOrigin } from '../../src/plan/types.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import { FACTS, result } from './results.js';

describe('buildReport', () => {
  it('facts: the value at top level, and under sources how it is known', () => {
    const facts = {
      ...FACTS,
      lpj: { value: 2394000, source: 'BogoMIPS', assumed: true, note: 'derived' },
    };
    const json = buildReport(result({ facts }));
    expect(json.facts).toMatchObject({ release: '5.4', lpj: 2394000 });
    const sources = (json.facts as { sources: Record<string, unknown> }).sources;
    expect(sources.lpj).toStrictEqual({
      value: 2394000,
      source: 'BogoMIPS',
      assumed: true,
      note: 'derived',
    });
    expect(sources.release).toStrictEqual({ value: '5.4', source: '--release' });
  });

  it('no rule consulted, no config read: the rule says so, and there are no entries', () => {
    const json = buildReport(result({}));
    expect(json.rule).toStrictEqual({
      set: null,
      row: null,
      source: null,
      match: 'none',
      reason: 'no rule consulted',
    });
    expect(json.entries).toEqual([]);
  });

  it('an extrapolated row says so, with the reason', () => {
    const row = rhev34.rows[4]!;
    const origin = {
      kind: 'rule',
      match: { set: rhev34, row, exact: false, reason: 'the nearest row' },
      template: [...row.params],
    } as ParamsOrigin;
    expect(buildReport(result({ origin })).rule).toMatchObject({
      set: rhev34.name,
      row: 5,
      match: 'extrapolated',
      reason: 'the nearest row',
    });
  });

  it('entries: the Linux line by its number from 1, none for an entry without one', () => {
    const config = parseGrubConfig(
      'title W\n\tchainloader +1\ntitle L\n\troot (hd0,0)\n\tkernel /vmlinuz-2.6.18-164.el5 ro\n',
    );
    const plans = [{ index: 1, params: ['notsc'] }];
    const edits = editPlans(config, [{ entry: config.entries[1]!, params: ['notsc'] }]);
    const entries = buildReport(result({ config, plans, edits })).entries as Record<
      string,
      unknown
    >[];
    expect(entries.map((e) => [e.index, e.line, e.selected, e.changed, e.leftAlone])).toEqual([
      [0, null, false, false, 'boots no Linux kernel (chainloader +1)'],
      [1, 5, true, true, null],
    ]);
    expect(entries[1]).toMatchObject({ rule: null, oldArgs: ['ro'], newArgs: ['ro', 'notsc'] });
  });
});
