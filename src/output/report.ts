import { displayText } from '../shared/bytes.js';
import { VERSION } from '../shared/version.js';
import { outcomeExitCode, type JsonObject, type TargetResult } from './target.js';

/**
 * The --json fields every target's report has, around the target's own
 * (`fields`): which tool and version, which kind of file, what became of it.
 * Strings from the file are shown as UTF-8 where valid.
 */
export function targetReport(r: TargetResult, fields: JsonObject): JsonObject {
  return {
    tool: 'fix-clock-drift',
    version: VERSION,
    kind: r.kind,
    input: r.inputPath ?? null,
    ...fields,
    outcome: r.outcome,
    exitCode: outcomeExitCode(r.outcome),
    changed: r.changed,
    output: r.output ?? null,
    diff: r.diffPath ?? null,
    where: r.where ?? null,
    script: r.script ?? null,
    written: r.outcome === 'written',
    patch: displayText(r.patch),
    warnings: r.warnings.map(displayText),
  };
}
