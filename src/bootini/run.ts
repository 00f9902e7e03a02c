import type { Options } from '../shared/options.js';
import { ToolError } from '../shared/errors.js';
import { bytesToText, displayText } from '../shared/bytes.js';
import { contentProblem, readInput, type InputFile } from '../shared/input.js';
import { unifiedDiff } from '../output/diff.js';
import { writeOutputs } from '../output/outputs.js';
import { parseBootIni } from './model.js';
import { addUsePmTimer, type PmTimerEntry } from './pmtimer.js';
import { joinLines } from '../grub/lines.js';

export type BootIniOutcome = 'written' | 'dry-run' | 'stdout' | 'unchanged';

export interface BootIniResult {
  input: InputFile;
  entries: PmTimerEntry[];
  changed: boolean;
  newText: string;
  patch: string;
  output: string;
  diffPath?: string;
  outcome: BootIniOutcome;
  warnings: string[];
}

/**
 * The Windows side of the seed document: `/usepmtimer` on every OS entry of
 * boot.ini, into boot.ini.kvm plus a diff. boot.ini itself is never written.
 */
export async function runBootIni(file: string, options: Options): Promise<BootIniResult> {
  const input = await readInput(file, '--boot-ini');
  const problem = contentProblem(input.bytes);
  if (problem)
    throw new ToolError(
      `${file} is not a usable boot.ini: ${problem} (check the path given to --boot-ini)`,
    );
  const ini = parseBootIni(bytesToText(input.bytes));
  const edit = addUsePmTimer(ini);
  if (edit.problem)
    throw new ToolError(
      `${file}: ${displayText(edit.problem)} (check that it is the guest's boot.ini, or give it with --boot-ini)`,
    );
  const warnings = [...edit.warnings];
  if (input.linkTarget) warnings.push(`${file} is a symbolic link: read ${input.linkTarget}`);
  const output = options.output ?? `${file}.kvm`;
  const diffPath = output === '-' ? undefined : (options.diff ?? `${output}.diff`);
  const patch = unifiedDiff(
    ini.lines,
    edit.model.lines,
    edit.changedLines,
    file,
    output === '-' ? `${file}.kvm` : output,
  );
  const changed = edit.changedLines.length > 0;
  const result: BootIniResult = {
    input,
    entries: edit.entries,
    changed,
    newText: joinLines(edit.model.lines),
    patch,
    output,
    outcome: 'unchanged',
    warnings,
  };
  if (diffPath !== undefined) result.diffPath = diffPath;
  if (!changed) return result;
  if (output === '-') return { ...result, outcome: 'stdout' };
  if (options.dryRun) return { ...result, outcome: 'dry-run' };
  await writeOutputs({
    input,
    output,
    diffPath: diffPath as string,
    content: result.newText,
    patch,
    force: options.force,
  });
  return { ...result, outcome: 'written' };
}

export function bootIniReport(r: BootIniResult): Record<string, unknown> {
  return {
    tool: 'fix-clock-drift',
    kind: 'boot.ini',
    input: r.input.path,
    params: ['/usepmtimer'],
    rule: {
      source: 'RHEV 3.4 Administration Guide 9.16.3',
      reason: 'Windows guests: add /usepmtimer to the OS entries of boot.ini',
    },
    outcome: r.outcome,
    changed: r.changed,
    entries: r.entries.map((e) => ({
      index: e.index,
      line: e.line + 1,
      path: displayText(e.path),
      description: e.descriptionText ?? null,
      oldSwitches: e.oldSwitches.map(displayText),
      newSwitches: e.newSwitches.map(displayText),
      changed: e.changed,
      leftAlone: e.reason ? displayText(e.reason) : null,
    })),
    output: r.output,
    diff: r.diffPath ?? null,
    written: r.outcome === 'written',
    patch: displayText(r.patch),
    warnings: r.warnings.map(displayText),
  };
}

export function bootIniSummary(r: BootIniResult): { before: string[]; after: string[] } {
  const before = [
    `fix-clock-drift: ${r.input.path} (Windows boot.ini)`,
    '',
    'Rule:       RHEV 3.4 Administration Guide 9.16.3: Windows guests get /usepmtimer on their OS entries',
    '',
    'Entries:',
  ];
  for (const e of r.entries) {
    const what = e.changed ? '+/usepmtimer' : `left alone: ${displayText(e.reason ?? 'unchanged')}`;
    before.push(
      `  ${String(e.index).padStart(2)} ${displayText(e.path)} ${e.descriptionText ? `"${e.descriptionText}"` : ''}`,
      `       ${what}`,
    );
  }
  if (r.warnings.length)
    for (const w of ['', 'Warnings:', ...r.warnings.map((x) => `  ! ${displayText(x)}`)])
      before.push(w);
  before.push('');
  const after: string[] = [];
  switch (r.outcome) {
    case 'unchanged':
      after.push(
        'Every OS entry already has /usepmtimer (or cannot take it): nothing to change, nothing written.',
      );
      break;
    case 'dry-run':
      after.push(`Dry run: nothing written (would write ${r.output} and ${r.diffPath}).`);
      break;
    case 'stdout':
      after.push('The edited boot.ini went to stdout; nothing was written.');
      break;
    case 'written':
      after.push(
        `Wrote ${r.output} and ${r.diffPath}.`,
        '',
        'Next steps (boot.ini has not been touched):',
        `  1. Back up:  cp -p ${r.input.path} ${r.input.path}.bak`,
        `  2. Review:   less ${r.diffPath}   (only /usepmtimer may be added)`,
        `  3. Install:  mv ${r.output} ${r.input.path}   (on Windows: attrib -r -h -s C:\\boot.ini first, then copy, then attrib +r +h +s C:\\boot.ini)`,
        '  4. Boot the guest and check the clock',
      );
      break;
  }
  return { before, after };
}
