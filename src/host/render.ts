import type { Finding, FindingStatus, HostReport } from './types.js';

const LABEL: Record<FindingStatus, string> = {
  ok: 'ok',
  action: 'ACTION',
  unknown: 'unknown',
  info: 'info',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function block(f: Finding): string[] {
  const out = [`[${LABEL[f.status]}] ${f.id}: ${f.summary}`];
  for (const e of f.evidence) out.push(`    ${e.path}: ${e.found}`);
  if (f.remedy && f.remedy.length > 0) {
    out.push(f.status === 'action' ? '  Remedy:' : '  Remedy, if needed:');
    for (const step of f.remedy) {
      out.push(`    ${step.say}`);
      for (const line of step.lines ?? []) out.push(`        ${line}`);
    }
  }
  return out;
}

/** "2 actions needed (max-cstate, cpufreq); 1 unknown (ntp)." */
export function summaryLine(report: HostReport): string {
  const ids = (s: FindingStatus): string[] =>
    report.findings.filter((f) => f.status === s).map((f) => f.id);
  const actions = ids('action');
  const unknowns = ids('unknown');
  const head =
    actions.length === 0
      ? 'No action needed'
      : `${plural(actions.length, 'action')} needed (${actions.join(', ')})`;
  return unknowns.length === 0
    ? `${head}.`
    : `${head}; ${plural(unknowns.length, 'unknown')} (${unknowns.join(', ')}).`;
}

/**
 * The report as prose: a heading, one block per finding (status, id,
 * summary; the files read, indented; the remedy, indented further), then
 * one line counting the actions.
 */
export function renderHostReport(report: HostReport): string {
  const where = report.live ? 'the running system' : 'an offline root: processes not looked at';
  const lines = [`Host check of ${report.root} (${where})`, ''];
  for (const f of report.findings) lines.push(...block(f), '');
  if (report.root !== '/' && report.findings.some((f) => f.remedy)) {
    lines.push(
      `Remedies name the host's own paths: apply them on the host whose root is ${report.root}.`,
    );
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}
