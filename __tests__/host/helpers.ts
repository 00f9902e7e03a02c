import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, FindingId, HostReport } from '../../src/host/index.js';

export const HOSTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/hosts',
);

export function host(name: string): string {
  return path.join(HOSTS, name);
}

/** The finding with this id, typed as that finding. */
export function finding<I extends FindingId>(
  report: HostReport,
  id: I,
): Extract<Finding, { id: I }> {
  const f = report.findings.find((x): x is Extract<Finding, { id: I }> => x.id === id);
  if (!f) throw new Error(`no ${id} finding`);
  return f;
}

/** Every remedy line of a finding, in order: what a user would type or write. */
export function remedyLines(f: Finding): string[] {
  return (f.remedy ?? []).flatMap((s) => s.lines ?? []);
}

/** Throw-away roots are built as the guest tests build theirs (links, directories and FIFOs too). */
export { makeRoot, removeRoots, type Entry } from '../facts/helpers.js';

export const OPTERON_2218 = [0, 1]
  .map(
    (i) =>
      `processor\t: ${i}\nvendor_id\t: AuthenticAMD\ncpu family\t: 15\nmodel\t\t: 65\n` +
      'model name\t: Dual-Core AMD Opteron(tm) Processor 2218\n' +
      'flags\t\t: fpu tsc msr pae cx8 apic sep mtrr pge cmov lm 3dnow pni cx16 svm\n',
  )
  .join('\n');
