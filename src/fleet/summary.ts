import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, fsReason } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { PHASES, splitReportName } from './files.js';
import { readGuestList } from './start.js';
import { failedFindings } from './verify.js';

/** One guest's line of a fleet summary, from the JSON reports saved for it. */
export interface GuestSummary {
  guest: string;
  release: string | null;
  arch: string | null;
  kvmClock: boolean | null;
  params: string[];
  /**
   * The last phase's outcome ('written', 'current', 'would-write', 'installed',
   * 'already-installed', 'would-install', 'refused', 'check-ok', 'check-failed',
   * 'unreachable', 'error' ...);
   * 'not-run' for a guest the run listed and never reached (it stopped first).
   */
  outcome: string;
  /** The phase that outcome is from: 'decide', 'write', 'install', 'check' ... */
  phase: string;
  warnings: string[];
  /** The error of a phase that failed, when one did. */
  error: string | null;
  /** The report files read for this guest, in the order their phases ran. */
  files: string[];
}

type Json = Record<string, unknown>;

/** The phase of a report: its file name's (G.write.json), else its own field, else decide. */
function phaseOf(file: string, report: Json): string {
  return (
    splitReportName(file).phase ?? (typeof report.phase === 'string' ? report.phase : 'decide')
  );
}

/** The order phases run in: a later phase's outcome is the guest's. */
function rank(phase: string): number {
  return (PHASES as readonly string[]).indexOf(phase) + 1 || 99;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? printable(v, 120) : null;
}

async function readReport(file: string): Promise<Json> {
  const text = await fsp.readFile(file, 'utf8');
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Json;
  } catch {
    // Said below, as for any report that is not an object.
  }
  return { outcome: 'error', error: `${path.basename(file)} is not a JSON report` };
}

/**
 * A report's outcome in the summary's words: a writer emitted and (check
 * mode, or a run stopped first) not run would write or would install; an
 * install that refused says so; a check holds or fails (its report, the
 * check command's own, has no outcome field).
 */
function outcomeOf(phase: string, report: Json, error: string | null): string {
  if (phase === 'verify' && error !== null && /^refusing to install/.test(error)) return 'refused';
  if (phase === 'check' && error === null)
    return report.holds === true ? 'check-ok' : 'check-failed';
  const outcome = str(report.outcome) ?? (error !== null ? 'error' : 'none');
  if (outcome === 'script') return phase === 'verify' ? 'would-install' : 'would-write';
  return outcome;
}

/** A guest's summary from its reports, the phases in the order they run. */
function summarise(
  guest: string,
  reports: { file: string; phase: string; report: Json }[],
): GuestSummary {
  const ordered = [...reports].sort((a, b) => rank(a.phase) - rank(b.phase));
  const s: GuestSummary = {
    guest,
    release: null,
    arch: null,
    kvmClock: null,
    params: [],
    outcome: 'none',
    phase: 'none',
    warnings: [],
    error: null,
    files: ordered.map((r) => r.file),
  };
  for (const { phase, report } of ordered) {
    const facts = (report.facts ?? {}) as Json;
    s.release = str(facts.release) ?? s.release;
    s.arch = str(facts.arch) ?? s.arch;
    if (typeof facts.pvclock === 'boolean') s.kvmClock = facts.pvclock;
    if (Array.isArray(report.params)) s.params = report.params.filter((p) => typeof p === 'string');
    if (Array.isArray(report.warnings))
      s.warnings.push(...report.warnings.filter((w): w is string => typeof w === 'string'));
    s.phase = phase;
    s.error = str(report.error);
    s.outcome = outcomeOf(phase, report, s.error);
    if (phase === 'check' && s.outcome === 'check-failed')
      s.error = str(failedFindings(report)) || null;
  }
  s.warnings = [...new Set(s.warnings)];
  return s;
}

/**
 * Every guest with a report in `dir` (`<guest>.json` or `<guest>.<phase>.json`,
 * as the Ansible role saves them), and every guest its `guests.list` names
 * (the role writes it first): built from the files alone, so a fleet run
 * that stopped early is summarised as far as it got, and the guests it never
 * reached are listed as not run.
 */
export async function summariseDir(dir: string): Promise<GuestSummary[]> {
  const names = await fsp.readdir(dir).catch((err: unknown) => {
    throw new ToolError(
      `cannot read ${dir}: ${fsReason(err)} (give the directory the reports were saved in)`,
    );
  });
  const files = names.filter((n) => n.endsWith('.json')).sort();
  const byGuest = new Map<string, { file: string; phase: string; report: Json }[]>();
  for (const name of files) {
    const file = path.join(dir, name);
    const report = await readReport(file);
    const { guest } = splitReportName(name);
    byGuest.set(guest, [
      ...(byGuest.get(guest) ?? []),
      { file: name, phase: phaseOf(name, report), report },
    ]);
  }
  for (const guest of await readGuestList(dir)) if (!byGuest.has(guest)) byGuest.set(guest, []);
  return [...byGuest]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([guest, reports]) =>
      reports.length ? summarise(guest, reports) : { ...summarise(guest, []), outcome: 'not-run' },
    );
}
