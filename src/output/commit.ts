import { writeOutputs } from './outputs.js';
import type { OutputSink } from './guest.js';
import type { TargetResult } from './target.js';

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
  if (!result.input || result.output === undefined || result.diffPath === undefined)
    throw new Error('a ready result names its input, output and diff');
  await (result.where !== undefined && sink ? sink.write.bind(sink) : writeOutputs)({
    input: result.input,
    output: result.output,
    diffPath: result.diffPath,
    content: result.newText,
    patch: result.patch,
    force,
  });
  return { ...result, outcome: 'written' };
}
