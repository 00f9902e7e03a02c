/**
 * The prose of a GRUB run (src/grub/text.ts) for what text.test.ts leaves
 * out: each entry's line in the Entries section, from real edits of a
 * parsed config, and the outcome lines of runs on a remote guest.
 */
import { editPlans } from '../../src/grub/edit.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { factLines, renderSummary } from '../../src/grub/text.js';
import type { EntryPlan } from '../../src/plan/types.js';
import { FACTS, result } from './results.js';

const CONF = [
  'title Linux',
  '\tkernel /vmlinuz-2.6.18-164.el5 ro clocksource=tsc',
  'title Xen',
  '\tkernel /xen.gz',
  '\tmodule /vmlinuz-2.6.18-164.el5xen ro',
  'title Windows',
  '\tchainloader +1',
  'title Has kvm-clock',
  '\tkernel /vmlinuz-2.6.32-358.el6 ro',
  'title Quote',
  '\tkernel /vmlinuz-2.6.18-164.el5 ro a="b',
  'title Done',
  '\tkernel /vmlinuz-2.6.18-164.el5 ro notsc',
  'title Unselected',
  '\tkernel /vmlinuz-2.6.18-164.el5 ro',
  '',
].join('\n');

function entriesOf(plans: EntryPlan[]): string[] {
  const config = parseGrubConfig(CONF);
  const edits = editPlans(
    config,
    plans
      .filter((p) => !p.skipped)
      .map((p) => ({ entry: config.entries[p.index]!, params: p.params })),
  );
  const before = renderSummary(result({ config, plans, edits, params: ['notsc'] })).before;
  return before.slice(
    before.indexOf('Entries:') + 1,
    before.indexOf('', before.indexOf('Entries:')),
  );
}

describe('the Entries section', () => {
  it('what happened to each entry: changes, left alone and why, not selected', () => {
    const plans: EntryPlan[] = [
      { index: 0, params: ['clocksource=acpi_pm', 'notsc'] },
      { index: 1, params: ['notsc'] },
      { index: 3, params: [], skipped: 'its kernel uses kvm-clock' },
      { index: 4, params: ['notsc'] },
      { index: 5, params: ['notsc'] },
    ];
    expect(entriesOf(plans)).toEqual([
      '   0 Linux\n       clocksource=tsc -> clocksource=acpi_pm +notsc',
      '   1 Xen\n       +notsc (on its module line; /xen.gz is the hypervisor)',
      '   2 Windows\n       left alone: boots no Linux kernel (chainloader +1)',
      '   3 Has kvm-clock\n       left alone: its kernel uses kvm-clock',
      '   4 Quote\n       left alone: unbalanced " in its arguments: added parameters would end up inside the quote',
      '   5 Done\n       already has the parameters',
      '   6 Unselected\n       not selected',
    ]);
  });

  it('per entry: the release each entry was decided for; an entry that needs nothing says so', () => {
    const plans: EntryPlan[] = [
      { index: 0, params: [], release: '6.4', releaseSource: 'its kernel 2.6.32-358.el6' },
      { index: 6, params: ['notsc'], release: '5.4', releaseSource: '--release' },
    ];
    const config = parseGrubConfig(CONF);
    const edits = editPlans(config, [{ entry: config.entries[6]!, params: ['notsc'] }]);
    const before = renderSummary(result({ config, plans, edits, perEntry: true })).before;
    expect(before).toContain(
      '   0 Linux\n       RHEL 6.4 (its kernel 2.6.32-358.el6): none consulted\n       no parameters needed',
    );
    expect(before).toContain(
      '   6 Unselected\n       RHEL 5.4 (--release): none consulted\n       +notsc',
    );
  });

  it('a config but no entry planned or edited: no Entries section', () => {
    const config = parseGrubConfig(CONF);
    expect(renderSummary(result({ config })).before).not.toContain('Entries:');
    expect(renderSummary(result({ config, plans: [{ index: 0, params: [] }] })).before).toContain(
      'Entries:',
    );
  });
});

describe('outcome lines', () => {
  it('no parameters needed, with a warning among others saying the guest drifts today', () => {
    const r = result({ warnings: ['entry 0: other', 'entry 1 drifts today'] });
    expect(renderSummary(r).after[0]).toMatch(
      /^No additional .* but it does not use its kvm-clock/,
    );
  });

  it('a dry run for a guest over SSH names its files as the guest’s', () => {
    const r = result({
      outcome: 'dry-run',
      where: 'g1',
      output: '/b/g.kvm',
      diffPath: '/b/g.diff',
    });
    expect(renderSummary(r).after).toEqual([
      'Dry run: nothing written (would write g1:/b/g.kvm and g1:/b/g.diff).',
    ]);
  });

  it('a writer script without a name given: sh writer.sh', () => {
    const r = result({ outcome: 'script', where: 'g1', output: '/b/g.kvm', diffPath: '/b/g.diff' });
    expect(renderSummary(r).after[0]).toContain(
      '(an Ansible raw task, or sh writer.sh on the guest)',
    );
  });

  it('written with no input recorded: mode 0000, named by the input path', () => {
    const r = result({ outcome: 'written', inputPath: '/g.conf', output: '/o', diffPath: '/d' });
    expect(renderSummary(r).after[0]).toBe('Wrote /o and /d (mode 0000, as /g.conf).');
  });
});

describe('facts', () => {
  it('a fact whose value is null reads as null, not as an object', () => {
    const facts = { ...FACTS, lpj: { value: null, source: 'a bundle' } } as unknown as typeof FACTS;
    expect(factLines(facts)[3]).toBe('  lpj           null       from a bundle');
  });
});
