/**
 * A GRUB run at the stage level, in process: grubTarget.run (prepare, write,
 * report) with the options a command line gives, on copies of the samples.
 * Each case's whole prose summary and JSON report are compared with the
 * reviewed ones in __snapshots__/run.test.ts.snap (temp paths shown as
 * <dir>); what matters most is also asserted in words here.
 */
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { grubTarget } from '../../src/grub/target.js';
import type { RunResult } from '../../src/grub/result.js';
import type { Finished } from '../../src/output/target.js';
import { ToolError } from '../../src/shared/errors.js';
import { localAccess } from '../../src/output/guest.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
const FACTS = { release: '5.4', arch: 'x86_64', pvclock: false, lpj: 2394000 } as const;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** grub.conf in a fresh temp dir (outside any /boot, so nothing is detected): a sample's or given text. */
function grubConf(from: { sample: string } | { text: string }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-run-'));
  dirs.push(dir);
  const file = path.join(dir, 'grub.conf');
  if ('sample' in from) copyFileSync(path.join(SAMPLES, from.sample, 'boot/grub/grub.conf'), file);
  else writeFileSync(file, from.text, 'latin1');
  // As anaconda leaves it: grub.conf can hold a password hash.
  chmodSync(file, 0o600);
  return file;
}

function options(file: string, more: Partial<Options> = {}): Options {
  return { ...DEFAULT_OPTIONS, grubConf: file, yes: true, ...FACTS, ...more };
}

/** The summary and report with the temp dir as <dir>, for the snapshot. */
function shown(f: Finished, file: string): { before: string; after: string; json: unknown } {
  const dir = path.dirname(file);
  const hide = (s: string): string => s.split(dir).join('<dir>');
  return {
    before: hide(f.summary.before.join('\n')),
    after: hide(f.summary.after.join('\n')),
    json: JSON.parse(hide(JSON.stringify(f.json))),
  };
}

async function run(
  file: string,
  more: Partial<Options> = {},
): Promise<Finished & { result: RunResult }> {
  return (await grubTarget.run(localAccess(options(file, more)))) as Finished & {
    result: RunResult;
  };
}

describe('grubTarget.run on the RHEL 5.4 sample', () => {
  it('writes the pair and tells each step (--explain)', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    // A guest disk mounted at a root: the steps end by booting the guest, not rebooting this machine.
    const root = path.dirname(file);
    const f = await run(file, { explain: true, root, rootGiven: true });
    expect(f.result.outcome).toBe('written');
    expect(statSync(`${file}.kvm`).mode & 0o777).toBe(statSync(file).mode & 0o777);
    expect(f.result.params).toEqual(['notsc', 'lpj=2394000']);
    expect(f.json).toMatchObject({ outcome: 'written', written: true, exitCode: 0 });
    expect(f.summary.after[0]).toMatch(
      /^Wrote .*grub\.conf\.kvm and .*grub\.conf\.kvm\.diff \(mode 0600, as /,
    );
    expect(f.summary.after).toContain('  4. Unmount the guest disk and boot the guest');
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('per entry: each entry decided from the release of its kernel', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    const f = await run(file, { perEntry: true, release: undefined, explain: true, dryRun: true });
    expect(f.result.perEntry).toBe(true);
    expect(f.json.rule).toMatchObject({ source: 'per-entry', match: 'per-entry' });
    // 2.6.18-128.el5 is RHEL 5.3: its row gives notsc only.
    const plans = new Map(f.result.plans.map((p) => [p.index, p]));
    expect(plans.get(2)).toMatchObject({ release: '5.3', params: ['notsc'] });
    expect(plans.get(0)).toMatchObject({ release: '5.4', params: ['notsc', 'lpj=2394000'] });
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('--params: exactly these, no rule consulted', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    const f = await run(file, { params: ['clocksource=acpi_pm'], explain: true, dryRun: true });
    expect(f.json.rule).toMatchObject({ source: '--params', match: 'given' });
    expect(f.summary.before).toContain(
      'Rule:       none consulted: parameters given with --params',
    );
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('a guest with kvm-clock needs nothing: no-params, nothing written', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    const f = await run(file, { pvclock: true, explain: true });
    expect(f.result).toMatchObject({ outcome: 'no-params', changed: false, params: [] });
    expect(f.summary.after).toEqual([
      'No additional kernel parameters are needed for this guest: nothing written.',
    ]);
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('--entries default and --output -: one entry, the text in the result', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    const f = await run(file, { entries: { kind: 'default' }, output: '-' });
    expect(f.result).toMatchObject({ outcome: 'stdout', output: '-' });
    expect(f.result.diffPath).toBeUndefined();
    expect(f.result.edits.map((e) => e.entry.index)).toEqual([0]);
    expect(shown(f, file)).toMatchSnapshot();
  });
});

describe('grubTarget.run on odd configs', () => {
  it('the same parameters twice: unchanged, nothing written', async () => {
    const file = grubConf({ sample: 'rhel5.4-x86_64' });
    await run(file);
    const again = grubConf({ text: readFileSync(`${file}.kvm`, 'latin1') });
    const f = await run(again);
    expect(f.result).toMatchObject({ outcome: 'unchanged', changed: false });
    expect(f.summary.after).toEqual([
      'Every selected entry already has these parameters: nothing to change, nothing written.',
    ]);
    expect(shown(f, again)).toMatchSnapshot();
  });

  it('only an entry with an unbalanced quote: not edited, and why', async () => {
    const file = grubConf({ text: 'title Q\n\tkernel /vmlinuz-2.6.18-164.el5 ro a="b\n' });
    const f = await run(file);
    expect(f.result.outcome).toBe('not-edited');
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('an entry with two kernel lines: the last (the one GRUB boots) is edited, and a note says so', async () => {
    const text =
      'title Two\n\tkernel /vmlinuz-2.6.18-128.el5 ro\n\tkernel /vmlinuz-2.6.18-164.el5 ro quiet\n';
    const file = grubConf({ text });
    const f = await run(file, { dryRun: true });
    expect(f.result.newText).toBe(text.replace('ro quiet', 'ro quiet notsc lpj=2394000'));
    expect(f.result.warnings).toContain(
      'entry 0 has 2 kernel lines: GRUB loads each in turn and boots the last (line 3), so that one is edited',
    );
    expect(shown(f, file)).toMatchSnapshot();
  });

  it('no entry boots Linux: refused, entry by entry', async () => {
    const file = grubConf({ text: 'title W\n\tchainloader +1\n' });
    await expect(run(file)).rejects.toThrow(
      new ToolError(
        `${file} has no entry that boots a Linux kernel (entry 0 "W": chainloader +1), so there is nothing to edit: check that it is the guest's grub.conf, or give it with --grub-conf`,
      ),
    );
  });

  it('an unreadable config fails a run that has parameters to add, not one that has none', async () => {
    const missing = path.join(path.dirname(grubConf({ text: '' })), 'nothing.conf');
    await expect(run(missing)).rejects.toThrow(/nothing\.conf.*no such file/);
    const f = await run(missing, { pvclock: true });
    expect(f.result).toMatchObject({ outcome: 'no-params', params: [] });
  });
});
