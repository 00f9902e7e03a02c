/**
 * --list-rules, at the stage: the text and the JSON of the rule sets and of
 * the kernel table, compared with the reviewed snapshot, and the parts that
 * are computed (the default mark, row counts by distribution, the policy
 * named by the set or defaulted) checked on made-up sets.
 */
import { renderKernelTable, renderRuleList, ruleListJson } from '../../src/rules/list.js';
import { DEFAULT_RULE_SET, RULE_SETS } from '../../src/rules/registry.js';
import type { RuleRow, RuleSet } from '../../src/rules/types.js';

const row = (n: number, over: Partial<RuleRow> = {}): RuleRow => ({
  row: n,
  release: { min: '10.2', max: '10.2', label: '10 SP2' },
  arch: 'x86_64',
  pvclock: 'any',
  params: ['clock=pit'],
  source: 'Doc 1',
  ...over,
});

const MIXED: RuleSet = {
  name: 'mixed',
  title: 'Mixed table',
  source: 'Doc 1',
  hypervisor: 'vmware',
  policy: 'only what the table says',
  extrapolate: 'none',
  notes: ['a note'],
  rows: [row(1), row(2, { distro: 'sles' }), row(3, { distro: 'sles', note: 'n3' })],
};
const PLAIN: RuleSet = { ...MIXED, name: 'plain', policy: 'nearest row', rows: [row(1)] };
delete (PLAIN as { extrapolate?: string }).extrapolate;
delete (PLAIN as { notes?: readonly string[] }).notes;

describe('renderRuleList', () => {
  it('the real sets, as --list-rules prints them', () => {
    expect(renderRuleList()).toMatchSnapshot();
    expect(renderRuleList()).toContain(`${DEFAULT_RULE_SET} (default)\n`);
  });

  it('marks only the default, counts rows by distribution when there are several, names the policy', () => {
    expect(renderRuleList([MIXED, PLAIN], 'plain')).toBe(
      [
        'mixed',
        '  title:       Mixed table',
        '  source:      Doc 1',
        '  hypervisor:  vmware',
        '  policy:      none: only what the table says',
        '  rows:        3 (1 RHEL, 2 SLES)',
        '',
        'plain (default)',
        '  title:       Mixed table',
        '  source:      Doc 1',
        '  hypervisor:  vmware',
        '  policy:      same-major: nearest row',
        '  rows:        1',
        '',
      ].join('\n'),
    );
  });
});

describe('renderKernelTable and ruleListJson', () => {
  it('the kernel table, as --list-rules prints it', () => {
    expect(renderKernelTable()).toMatchSnapshot();
  });

  it('the real sets as data', () => {
    expect(ruleListJson()).toMatchSnapshot();
    expect(ruleListJson().ruleSets.map((s) => s.name)).toEqual(RULE_SETS.map((s) => s.name));
  });

  it('each row with its distribution, range and note; absent ones as null', () => {
    const json = ruleListJson([MIXED, PLAIN]);
    expect(json.ruleSets[0]).toEqual({
      name: 'mixed',
      default: false,
      title: 'Mixed table',
      source: 'Doc 1',
      hypervisor: 'vmware',
      extrapolate: 'none',
      policy: 'only what the table says',
      notes: ['a note'],
      rows: [
        expect.objectContaining({ row: 1, distro: 'rhel', note: null }),
        expect.objectContaining({ row: 2, distro: 'sles' }),
        {
          row: 3,
          distro: 'sles',
          release: '10 SP2',
          min: '10.2',
          max: '10.2',
          arch: 'x86_64',
          pvclock: 'any',
          params: ['clock=pit'],
          source: 'Doc 1',
          note: 'n3',
        },
      ],
    });
    expect(json.ruleSets[1]).toMatchObject({ extrapolate: 'same-major', notes: [] });
    const open = ruleListJson([
      { ...PLAIN, rows: [row(1, { release: { min: '7.0', label: '7+' } })] },
    ]);
    expect(open.ruleSets[0]?.rows[0]).toMatchObject({ min: '7.0', max: null });
  });
});
