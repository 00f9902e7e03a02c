import { ToolError } from '../shared/errors.js';
import { saveBundle, type GuestOutput, type StepResult } from './decide.js';
import { guestFile, reportFile, saveFile, type JsonReport } from './files.js';
import { runTool, type ToolCommand, type ToolRun } from './run-tool.js';

/** A step's tool run saved as G.<phase>.json; a report with an error is thrown as one line. */
async function saved(
  dir: string,
  guest: string,
  phase: 'verify' | 'check',
  run: ToolRun,
): Promise<string> {
  const report = reportFile(dir, guest, phase);
  await saveFile(report, `${JSON.stringify(run.report, null, 2)}\n`);
  if (typeof run.report.error === 'string')
    throw new ToolError(`guest ${guest}: ${run.report.error}`);
  return report;
}

/**
 * The install's decision for one guest, on the controller, before anything
 * is done there: the collector's output is saved as G.facts, then
 * `fix-clock-drift install --facts G.facts --emit-writer G.install.sh --yes
 * --json` checks the pair already on the guest exactly as `install` does
 * (the diff's provenance, the pair re-checked, the first differing line of
 * a refusal), and its report is saved as G.verify.json. Outcome `script`:
 * G.install.sh backs grub.conf up and replaces it, for the install task to
 * run; `already-installed`: nothing is left to do. A refusal (no pair, a
 * hand edit, a grub.conf changed since) is saved, then thrown as one line.
 */
export async function verifyStep(
  tool: ToolCommand,
  dir: string,
  guest: string,
  out: GuestOutput,
): Promise<StepResult> {
  const facts = await saveBundle(dir, guest, out);
  const script = guestFile(dir, guest, 'install.sh');
  const run = await runTool(tool, [
    'install',
    '--facts',
    facts,
    '--emit-writer',
    script,
    '--yes',
    '--json',
  ]);
  const report = await saved(dir, guest, 'verify', run);
  const outcome = typeof run.report.outcome === 'string' ? run.report.outcome : 'error';
  if (run.code !== 0) throw new ToolError(`guest ${guest}: install ended with ${outcome}`);
  return { guest, phase: 'verify', outcome, changed: outcome === 'script', report };
}

/** The findings of a check report that do not hold, in one line: "clocksource: ...; ntp: ...". */
export function failedFindings(report: JsonReport): string {
  const findings = Array.isArray(report.findings) ? (report.findings as JsonReport[]) : [];
  return findings
    .filter((f) => f.status !== 'ok')
    .map((f) => `${String(f.id)} (${String(f.status)}): ${String(f.summary)}`)
    .join('; ');
}

/**
 * The check of one guest after its reboot, on the controller: the
 * collector's output is saved as G.facts, `fix-clock-drift check --facts
 * G.facts --json` reads it as check --ssh would, and its report is saved as
 * G.check.json. A guest whose check does not hold fails, naming the
 * findings that do not.
 */
export async function checkStep(
  tool: ToolCommand,
  dir: string,
  guest: string,
  out: GuestOutput,
): Promise<StepResult> {
  const facts = await saveBundle(dir, guest, out);
  const run = await runTool(tool, ['check', '--facts', facts, '--json']);
  const report = await saved(dir, guest, 'check', run);
  if (run.report.holds !== true || run.code !== 0)
    throw new ToolError(
      `guest ${guest}: the check does not hold: ${failedFindings(run.report) || `exit status ${run.code ?? '?'}`}`,
    );
  return { guest, phase: 'check', outcome: 'check-ok', changed: false, report };
}
