import { promises as fsp } from 'node:fs';
import { ToolError, fsReason } from '../shared/errors.js';
import { printable } from '../shared/text.js';
import { parseStatus, writerFailure } from '../remote/write-status.js';
import type { GuestOutput, StepResult } from './decide.js';
import { guestFile, saveReport, type Phase } from './files.js';
import { writerContext } from './writer-context.js';

/** The phases whose guest side is a writer emitted on the controller, and their outcome when it is done. */
const WRITER_PHASES: Partial<Record<Phase, string>> = { write: 'written', install: 'installed' };

function pathIn(dir: string, name: string): string {
  return `${dir === '/' ? '' : dir}/${name}`;
}

/**
 * Records what the writer of a phase (G.write.sh, G.install.sh) did on the
 * guest, from its `FCDW` status lines as the raw task printed them (CRs and
 * other lines ignored, as over SSH): G.<phase>.json says done (the files it
 * put in place) or why not, in the same one-line words as `--ssh` says it
 * (write-status.ts), which is also the error thrown.
 */
export async function recordStep(
  dir: string,
  guest: string,
  phase: Phase,
  out: GuestOutput,
): Promise<StepResult> {
  const done = WRITER_PHASES[phase];
  if (done === undefined) throw new Error(`recordStep: ${phase} runs no writer`);
  const file = guestFile(dir, guest, `${phase}.sh`);
  const script = await fsp.readFile(file, 'latin1').catch((err: unknown) => {
    throw new ToolError(
      `cannot read ${file}: ${fsReason(err)} (the ${phase} step records the writer its decide step emitted there)`,
    );
  });
  const ctx = writerContext(script, guest);
  if (!ctx) throw new ToolError(`${file} is not a writer emitted by fix-clock-drift`);
  const text = out.text.toString('latin1');
  const statuses = parseStatus(out.text);
  const status = statuses.map((s) => printable(`FCDW ${s.word} ${s.rest}`.trim()));
  const save = async (fields: Record<string, unknown>): Promise<string> =>
    saveReport(dir, guest, phase, { ...fields, status });
  if (out.unreachable !== undefined) {
    const error = `guest ${guest} could not be reached for the ${phase} (${printable(out.unreachable, 200)}); the writer puts all of ${ctx.names.join(', ')} in place or none: run again to see what is there`;
    await save({ outcome: 'unreachable', changed: false, exitCode: 1, error });
    throw new ToolError(error);
  }
  const finished = statuses.some((s) => s.word === 'done');
  if (finished && (out.status === undefined || out.status === 0)) {
    const written = ctx.names.map((n) => pathIn(ctx.dir, n));
    const report = await save({ outcome: done, changed: true, exitCode: 0, written });
    return { guest, phase, outcome: done, changed: true, report };
  }
  const error = writerFailure(ctx, statuses, text).message;
  await save({ outcome: 'error', changed: false, exitCode: 1, error });
  throw new ToolError(error);
}
