import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError, fsReason } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { VERSION } from '../shared/version.js';
import { writeFileAtomic } from '../output/write.js';

/**
 * The files a fleet run keeps on the controller, in one directory (the
 * role's fcd_reports_dir), all named after the guest's inventory name:
 *
 *   guests.list            the guests of the run, one a line (written first,
 *                          so a run stopped early still names every guest)
 *   collector.sh           the collector the run sends
 *   G.facts                what the collector printed on guest G
 *   G.<phase>.json         a phase's JSON report, the phases in PHASES:
 *                          collect (only when it failed), decide and write
 *                          (the pair), verify and install (grub.conf replaced
 *                          by the pair), check (after the reboot)
 *   G.write.sh, G.install.sh   the writer emitted for a phase, as sent
 */
export const PHASES = ['collect', 'decide', 'write', 'verify', 'install', 'check'] as const;
export type Phase = (typeof PHASES)[number];

export const GUEST_LIST = 'guests.list';
export const COLLECTOR_FILE = 'collector.sh';

/** Inventory names as files: host names, IPv4 and IPv6 addresses, aliases. */
const GUEST_NAME = /^[A-Za-z0-9_@+:-][A-Za-z0-9._@+:-]{0,199}$/;

export function isGuestName(name: string): boolean {
  return GUEST_NAME.test(name);
}

export function checkGuestName(name: string): string {
  if (!isGuestName(name))
    throw new UsageError(
      `guest name "${printable(name, 60)}" cannot name a report file: use letters, digits and . _ @ + : - (not first .), at most 200 characters (rename it in the inventory, or give it an alias)`,
    );
  return name;
}

export function guestFile(dir: string, guest: string, suffix: string): string {
  return path.join(dir, `${guest}.${suffix}`);
}

export function reportFile(dir: string, guest: string, phase: Phase): string {
  return guestFile(dir, guest, `${phase}.json`);
}

/** `web1.example.com.decide.json` is web1.example.com's decide report; `web1.json` is web1's. */
export function splitReportName(name: string): { guest: string; phase?: Phase } {
  const base = name.replace(/\.json$/, '');
  for (const phase of PHASES)
    if (base.endsWith(`.${phase}`) && base.length > phase.length + 1)
      return { guest: base.slice(0, -phase.length - 1), phase };
  return { guest: base };
}

/** Every file a run may leave for a guest: a new run removes them first. */
export function guestFiles(dir: string, guest: string): string[] {
  return ['facts', 'write.sh', 'install.sh', ...PHASES.map((p) => `${p}.json`)].map((suffix) =>
    guestFile(dir, guest, suffix),
  );
}

/** Reports and bundles hold the guest's grub.conf (which may hold a password hash): owner only. */
export async function saveFile(file: string, data: Buffer | string): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  await writeFileAtomic(file, bytes, { mode: 0o600, force: true });
}

export type JsonReport = Record<string, unknown>;

/** A phase's report, with what every report of the tool says first. */
export async function saveReport(
  dir: string,
  guest: string,
  phase: Phase,
  fields: JsonReport,
): Promise<string> {
  const file = reportFile(dir, guest, phase);
  const report = {
    tool: 'fix-clock-drift',
    version: VERSION,
    kind: 'fleet',
    phase,
    guest,
    ...fields,
  };
  await saveFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

export async function ensureDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
    throw new ToolError(`cannot make the reports directory ${dir}: ${fsReason(err)}`);
  });
  const st = await fsp.stat(dir);
  if (!st.isDirectory())
    throw new ToolError(`${dir} is not a directory (give another reports directory)`);
}
