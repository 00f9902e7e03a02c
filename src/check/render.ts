import { VERSION } from '../shared/version.js';
import type { CheckReport, CheckStatus } from './types.js';

const LABEL: Record<CheckStatus, string> = { ok: 'ok', fail: 'FAIL', unknown: 'unknown' };

/** The prose report: a heading, one block per finding with its evidence, a last line that counts. */
export function renderCheck(r: CheckReport): string {
  const booted = r.runningKernel ? `running ${r.runningKernel}` : 'running kernel unknown';
  const entry = r.defaultEntry
    ? `; default entry ${r.defaultEntry.index} "${r.defaultEntry.title}"`
    : '';
  const lines = [`Check of ${r.guest} (${booted}${entry})`, ''];
  for (const f of r.findings) {
    lines.push(`[${LABEL[f.status]}] ${f.id}: ${f.summary}`);
    for (const e of f.evidence) lines.push(`    ${e.source}: ${e.found}`);
    if (f.remedy?.length) lines.push('  Remedy, on the guest:', ...f.remedy.map((l) => `    ${l}`));
    lines.push('');
  }
  const bad = r.findings.filter((f) => f.status !== 'ok');
  lines.push(
    bad.length === 0
      ? `All ${r.findings.length} checks hold.`
      : `${bad.length} of ${r.findings.length} checks do not hold: ${bad.map((f) => `${f.id} (${f.status === 'fail' ? 'fails' : 'unknown'})`).join(', ')}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The --json report. */
export function checkJson(r: CheckReport, exitCode: number): Record<string, unknown> {
  return {
    tool: 'fix-clock-drift',
    version: VERSION,
    command: 'check',
    guest: r.guest,
    runningKernel: r.runningKernel,
    defaultEntry: r.defaultEntry,
    holds: r.findings.every((f) => f.status === 'ok'),
    exitCode,
    findings: r.findings.map((f) => ({
      id: f.id,
      status: f.status,
      summary: f.summary,
      evidence: f.evidence,
      remedy: f.remedy ?? null,
      data: f.data,
    })),
  };
}
