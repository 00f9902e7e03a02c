import type { Finding, FindingId, FindingStatus, HostReport } from './types.js';

/** The machine-readable report: what `host-check --json` prints. */
export interface HostReportJson {
  check: 'host';
  root: string;
  live: boolean;
  counts: Record<FindingStatus, number>;
  /** Ids of the findings with status `action`, in report order. */
  actions: FindingId[];
  findings: {
    id: FindingId;
    status: FindingStatus;
    summary: string;
    evidence: { path: string; found: string }[];
    /** Null when there is nothing to do or nothing exact to say. */
    remedy: { say: string; lines: string[] }[] | null;
    /** The finding's values (see the *Finding types): booleans and numbers a script can test. */
    data: Finding['data'];
  }[];
}

/**
 * The `--json` form: the report as it is, plus counts by status and the
 * ids needing action, so a script need not walk the findings to decide.
 * Only plain values: it survives JSON.stringify and back unchanged.
 */
export function hostReportJson(report: HostReport): HostReportJson {
  const count = (s: FindingStatus): number => report.findings.filter((f) => f.status === s).length;
  return {
    check: 'host',
    root: report.root,
    live: report.live,
    counts: {
      action: count('action'),
      unknown: count('unknown'),
      ok: count('ok'),
      info: count('info'),
    },
    actions: report.findings.filter((f) => f.status === 'action').map((f) => f.id),
    findings: report.findings.map((f) => ({
      id: f.id,
      status: f.status,
      summary: f.summary,
      evidence: f.evidence.map((e) => ({ path: e.path, found: e.found })),
      remedy: f.remedy ? f.remedy.map((s) => ({ say: s.say, lines: s.lines ?? [] })) : null,
      data: f.data,
    })),
  };
}
