import path from 'node:path';
import type { Fact, Facts } from '../facts/types.js';
import { displayText } from '../grub/bytes.js';
import type { RunResult } from '../run.js';

function show(v: unknown): string {
  if (v === undefined) return 'unknown';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

const FACT_LABELS: Record<keyof Facts, string> = {
  release: 'release',
  arch: 'arch',
  pvclock: 'kvm-clock',
  lpj: 'lpj',
};

export function factLines(facts: Facts): string[] {
  return (Object.keys(FACT_LABELS) as (keyof Facts)[]).map((k) => {
    const f = facts[k] as Fact<unknown>;
    const how = f.assumed ? 'assumed' : f.value === undefined ? '' : 'from';
    const note = f.note ? ` (${f.note})` : '';
    return `  ${FACT_LABELS[k].padEnd(10)} ${show(f.value).padEnd(10)} ${how ? `${how} ` : ''}${f.source}${note}`;
  });
}

export function ruleLine(result: RunResult): string {
  if (result.origin.kind === 'params-flag')
    return 'Rule:       none consulted: parameters given with --params';
  const { match, template } = result.origin;
  const row = match.row;
  const pv =
    row.pvclock === 'any' ? '' : row.pvclock === 'yes' ? ' with kvm-clock' : ' without kvm-clock';
  const params = template.length ? template.join(' ') : 'no additional parameters';
  return `Rule:       ${row.source}, row ${row.row}: ${row.release.label} ${row.arch}${pv} -> ${params} (${match.exact ? 'exact match' : 'extrapolated'})`;
}

function entryLines(result: RunResult): string[] {
  const edits = new Map(result.edits.map((e) => [e.entry.index, e]));
  return result.config.entries.map((entry) => {
    const head = `  ${String(entry.index).padStart(2)} ${displayText(entry.title)}`;
    const edit = edits.get(entry.index);
    if (entry.kind === 'none')
      return `${head}\n       left alone: boots no Linux kernel (${entry.reason})`;
    if (!edit) return `${head}\n       not selected`;
    if (edit.skipped) return `${head}\n       left alone: ${edit.skipped}`;
    const where =
      entry.kind === 'multiboot'
        ? ` (on its module line; ${entry.hypervisor} is the hypervisor)`
        : '';
    const what = edit.changes
      .filter((c) => c.action !== 'kept')
      .map((c) => (c.action === 'appended' ? `+${c.arg}` : `${c.old} -> ${c.arg}`))
      .map(displayText);
    return `${head}\n       ${what.length ? `${what.join(' ')}${where}` : 'already has the parameters'}`;
  });
}

/** The administrator's steps after a run that wrote grub.conf.kvm. */
export function nextSteps(input: string, output: string, diffPath: string, root: string): string[] {
  const dir = path.dirname(input);
  const backup = path.join(dir, `${path.basename(input)}.bak`);
  const onGuest = path.resolve(root) === '/';
  return [
    'Next steps (grub.conf has not been touched):',
    `  1. Back up:  cp -p ${input} ${backup}`,
    `  2. Review:   less ${diffPath}   (only the kernel lines listed above may differ)`,
    `               diff ${input} ${output}`,
    `  3. Install:  mv ${output} ${input}`,
    onGuest ? '  4. Reboot:   reboot' : '  4. Unmount the guest disk and boot the guest',
    '  5. Check:    cat /proc/cmdline   (on the guest after boot: the parameters are there)',
  ];
}

export function renderSummary(result: RunResult): { before: string[]; after: string[] } {
  const before = [
    `fix-clock-drift: ${result.input.path}`,
    '',
    'Guest facts:',
    ...factLines(result.facts),
    '',
    ruleLine(result),
  ];
  before.push(
    `Parameters: ${result.params.length ? result.params.map(displayText).join(' ') : 'none'}`,
    '',
    'Entries:',
    ...entryLines(result),
  );
  if (result.warnings.length)
    before.push('', 'Warnings:', ...result.warnings.map((w) => `  ! ${displayText(w)}`));
  before.push('');
  const after: string[] = [];
  switch (result.outcome) {
    case 'no-params':
      after.push('No additional kernel parameters are needed for this guest: nothing written.');
      break;
    case 'unchanged':
      after.push(
        'Every selected entry already has these parameters: nothing to change, nothing written.',
      );
      break;
    case 'dry-run':
      after.push(`Dry run: nothing written (would write ${result.output} and ${result.diffPath}).`);
      break;
    case 'declined':
      after.push('Nothing written: you chose not to write the files.');
      break;
    case 'ready':
      after.push(`Ready to write ${result.output} and ${result.diffPath}.`);
      break;
    case 'stdout':
      after.push('The edited config went to stdout; nothing was written.');
      break;
    case 'written': {
      const mode = (result.input.mode & 0o777).toString(8).padStart(4, '0');
      after.push(
        `Wrote ${result.output} and ${result.diffPath} (mode ${mode}, as ${result.input.path}).`,
        '',
      );
      after.push(
        ...nextSteps(
          result.input.path,
          result.output as string,
          result.diffPath as string,
          result.root,
        ),
      );
      break;
    }
  }
  return { before, after };
}
