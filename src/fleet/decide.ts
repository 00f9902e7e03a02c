import { BEGIN_LINE } from '../facts/sources/bundle-format.js';
import { ToolError } from '../shared/errors.js';
import { firstLine, printable } from '../shared/text.js';
import { guestFile, reportFile, saveFile, saveReport, type JsonReport } from './files.js';
import { runTool, type ToolCommand } from './run-tool.js';

/** What Ansible saw of a command it ran on a guest (a raw task). */
export interface GuestOutput {
  /** stdout, then stderr: under `ssh -tt` they come mixed anyway. */
  text: Buffer;
  /** The command's exit status, when Ansible got one. */
  status?: number;
  /** Ansible's message when the guest could not be reached. */
  unreachable?: string;
}

/** One line for Ansible (the step's stdout): what became of the guest in this phase. */
export interface StepResult {
  guest: string;
  phase: string;
  outcome: string;
  /** Whether the guest was (or, in check mode, would be) changed. */
  changed: boolean;
  report: string;
}

/** Why the collect task gave no bundle, or undefined when it printed one. */
function collectFailure(guest: string, out: GuestOutput): JsonReport | undefined {
  if (out.unreachable !== undefined)
    return {
      outcome: 'unreachable',
      error: `guest ${guest} is unreachable: ${printable(out.unreachable, 300)}`,
    };
  const text = out.text.toString('latin1');
  if (text.includes(BEGIN_LINE)) return undefined;
  const said = firstLine(text);
  const status = out.status === undefined ? '' : ` (exit status ${out.status})`;
  return {
    outcome: 'error',
    error: `guest ${guest} printed no facts bundle${status}${said ? `: ${printable(said)}` : ''}; check that its login shell is sh-like and that the login user can read /boot (use become)`,
  };
}

/**
 * What the collect task printed, saved as G.facts for the controller's
 * step to read (the path is returned); a guest that was unreachable or
 * printed no bundle gets G.collect.json saying so, and the error is thrown.
 */
export async function saveBundle(dir: string, guest: string, out: GuestOutput): Promise<string> {
  const failed = collectFailure(guest, out);
  if (failed) {
    await saveReport(dir, guest, 'collect', { ...failed, exitCode: 1 });
    throw new ToolError(failed.error as string);
  }
  const facts = guestFile(dir, guest, 'facts');
  await saveFile(facts, out.text);
  return facts;
}

/**
 * The decide phase of one guest, on the controller: the collector's output
 * is saved as G.facts, then this tool decides from it exactly as
 * `fix-clock-drift --facts G.facts --yes --json --emit-writer G.write.sh`
 * does by hand (with the role's extra flags), and its report is saved as
 * G.decide.json. When the guest needs the pair, the writer that puts it
 * there is G.write.sh, for the write task to run; when its pair is already
 * there, the outcome is `current` and nothing is left to do. A guest that
 * was unreachable or printed no bundle gets G.collect.json saying so.
 * Failures are saved first, then thrown as one line naming the guest.
 */
export async function decideStep(
  tool: ToolCommand,
  dir: string,
  guest: string,
  out: GuestOutput,
  flags: readonly string[],
): Promise<StepResult> {
  const facts = await saveBundle(dir, guest, out);
  const writer = guestFile(dir, guest, 'write.sh');
  const run = await runTool(tool, [
    '--facts',
    facts,
    '--yes',
    '--json',
    '--emit-writer',
    writer,
    ...flags,
  ]);
  const report = reportFile(dir, guest, 'decide');
  await saveFile(report, `${JSON.stringify(run.report, null, 2)}\n`);
  const outcome = typeof run.report.outcome === 'string' ? run.report.outcome : 'error';
  if (typeof run.report.error === 'string')
    throw new ToolError(`guest ${guest}: ${run.report.error}`);
  if (run.code !== 0) {
    const warnings = Array.isArray(run.report.warnings) ? run.report.warnings : [];
    const why = typeof warnings[0] === 'string' ? `: ${warnings[0]}` : '';
    throw new ToolError(`guest ${guest}: ${outcome}${why}`);
  }
  return { guest, phase: 'decide', outcome, changed: outcome === 'script', report };
}
