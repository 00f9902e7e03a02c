import { applyPatch, parsePatch, reversePatch } from 'diff';
import { bytesToText } from '../shared/bytes.js';
import { ToolError } from '../shared/errors.js';
import { readProvenance, sha256Of, type Provenance } from '../output/provenance.js';
import { checkPair, firstDifference, shownLine, type LineChange } from './pair.js';

/** The three files install reads, and how messages name them. */
export interface InstallFiles {
  conf: { name: string; bytes: Buffer };
  kvm: { name: string; bytes: Buffer };
  diff: { name: string; bytes: Buffer };
}

export interface Verified {
  changes: LineChange[];
  provenance: Provenance;
}

const AGAIN =
  'run fix-clock-drift again to make a new grub.conf.kvm from it, review the diff, then install';

function short(sha: string): string {
  return sha.slice(0, 12);
}

/**
 * grub.conf as it was when the diff was made: the diff applied backwards to
 * grub.conf.kvm, kept only if its checksum is the one the diff records.
 */
async function original(f: InstallFiles, p: Provenance): Promise<string | undefined> {
  try {
    const [patch] = parsePatch(bytesToText(f.diff.bytes));
    if (!patch) return undefined;
    const text = applyPatch(bytesToText(f.kvm.bytes), reversePatch(patch));
    if (text === false) return undefined;
    const bytes = Buffer.from(text, 'latin1');
    return bytes.length === p.bytes && (await sha256Of(bytes)) === p.sha256 ? text : undefined;
  } catch {
    // A diff jsdiff cannot read tells nothing more than the checksum does.
    return undefined;
  }
}

/** Refuses a grub.conf that is not the one grub.conf.kvm was made from, naming what changed. */
async function checkUnchanged(f: InstallFiles, p: Provenance): Promise<void> {
  const now = f.conf.bytes;
  const sha = await sha256Of(now);
  if (sha === p.sha256 && now.length === p.bytes) return;
  const was = await original(f, p);
  const d = was === undefined ? undefined : firstDifference(was, bytesToText(now));
  const where = d
    ? `; first difference at line ${d.index + 1}: it was ${shownLine(d.old)}, it is now ${shownLine(d.new)}`
    : '';
  throw new ToolError(
    `refusing to install: ${f.conf.name} changed since ${f.kvm.name} was made: it is ${now.length} bytes (sha256 ${short(sha)}...), ${f.diff.name} records ${p.bytes} bytes (sha256 ${short(p.sha256)}...)${where}: ${AGAIN}`,
  );
}

/** Refuses a grub.conf.kvm that is not what the reviewed diff shows. */
function checkAsReviewed(f: InstallFiles): void {
  const conf = bytesToText(f.conf.bytes);
  const kvm = bytesToText(f.kvm.bytes);
  let shown: string | false = false;
  try {
    const [patch] = parsePatch(bytesToText(f.diff.bytes));
    if (patch) shown = applyPatch(conf, patch);
  } catch {
    shown = false;
  }
  if (shown === false)
    throw new ToolError(
      `refusing to install: ${f.diff.name} does not apply to ${f.conf.name}, so it is not the diff of ${f.kvm.name}: ${AGAIN}`,
    );
  if (shown === kvm) return;
  const d = firstDifference(shown, kvm);
  throw new ToolError(
    `refusing to install: ${f.kvm.name} is not what ${f.diff.name} (the diff to review) shows: line ${(d?.index ?? 0) + 1} is ${shownLine(d?.new)} in ${f.kvm.name}, the diff gives ${shownLine(d?.old)}: ${AGAIN}`,
  );
}

/**
 * Everything install must know before it touches grub.conf, from the files
 * alone: grub.conf is the one grub.conf.kvm was made from (the diff's
 * provenance line: checksum and size), grub.conf.kvm differs from it only
 * by parameters added or replaced on the kernel and module lines the tool
 * edits (checked with the grub model, not by replaying a plan), and it is
 * exactly what the diff shows. Each refusal is one line naming the file and
 * the first line that differs.
 */
export async function verifyInstall(f: InstallFiles): Promise<Verified> {
  const provenance = readProvenance(bytesToText(f.diff.bytes));
  if (!provenance)
    throw new ToolError(
      `refusing to install: ${f.diff.name} does not start with the line "# fix-clock-drift: ... made from ..." that records which grub.conf ${f.kvm.name} was made from (an older version, or an edited diff): ${AGAIN}`,
    );
  await checkUnchanged(f, provenance);
  const changes = checkPair(bytesToText(f.conf.bytes), bytesToText(f.kvm.bytes), {
    old: f.conf.name,
    new: f.kvm.name,
  });
  checkAsReviewed(f);
  return { changes, provenance };
}
