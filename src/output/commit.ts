import { pairIsCurrent, writeOutputs, type OutputPair } from './outputs.js';
import type { OutputSink } from './guest.js';
import type { TargetResult } from './target.js';

function pairOf(result: TargetResult, force: boolean): OutputPair {
  if (!result.input || result.output === undefined || result.diffPath === undefined)
    throw new Error('a ready result names its input, output and diff');
  return {
    input: result.input,
    output: result.output,
    diffPath: result.diffPath,
    content: result.newText,
    patch: result.patch,
    force,
  };
}

/** Whether a ready result's pair is already where it would go, with these bytes. */
export async function alreadyCurrent(result: TargetResult, sink?: OutputSink): Promise<boolean> {
  if (result.outcome !== 'ready') return false;
  const pair = pairOf(result, false);
  return result.where !== undefined && sink ? sink.isCurrent(pair) : pairIsCurrent(pair);
}

/**
 * Writes a prepared result's pair, here or through the guest's sink;
 * anything not `ready` is returned as it is.
 */
export async function commitResult<R extends TargetResult>(
  result: R,
  force: boolean,
  sink?: OutputSink,
): Promise<R> {
  if (result.outcome !== 'ready') return result;
  if (await alreadyCurrent(result, sink)) return { ...result, outcome: 'current' };
  const pair = pairOf(result, force);
  if (result.where !== undefined && sink)
    return (await sink.write(pair)) === 'script'
      ? { ...result, outcome: 'script' }
      : { ...result, outcome: 'written' };
  await writeOutputs(pair);
  return { ...result, outcome: 'written' };
}
