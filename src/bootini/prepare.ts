import type { Options } from '../shared/options.js';
import { ToolError } from '../shared/errors.js';
import { bytesToText, displayText } from '../shared/bytes.js';
import { contentProblem, readInput } from '../shared/input.js';
import { joinLines } from '../shared/lines.js';
import { unifiedDiff } from '../output/diff.js';
import { withProvenance } from '../output/provenance.js';
import type { TargetResult } from '../output/target.js';
import { parseBootIni } from './model.js';
import { addUsePmTimer, type PmTimerEntry } from './pmtimer.js';

export interface BootIniResult extends TargetResult {
  kind: 'boot.ini';
  inputPath: string;
  entries: PmTimerEntry[];
}

/**
 * The Windows side of the seed document: `/usepmtimer` on every OS entry of
 * boot.ini, into boot.ini.kvm plus a diff. boot.ini itself is never written.
 */
export async function prepareBootIni(file: string, options: Options): Promise<BootIniResult> {
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
  const newName = output === '-' ? `${file}.kvm` : output;
  const patch = await withProvenance(
    unifiedDiff(ini.lines, edit.model.lines, edit.changedLines, file, newName),
    { name: file, bytes: input.bytes },
    newName,
  );
  const changed = edit.changedLines.length > 0;
  const result: BootIniResult = {
    kind: 'boot.ini',
    inputPath: file,
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
  return { ...result, outcome: 'ready' };
}
