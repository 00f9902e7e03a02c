import type { Options } from '../shared/options.js';
import { commitResult } from '../output/commit.js';
import type { BootTarget, Finished, Json } from '../output/target.js';
import { explain, renderExplanation } from './explain.js';
import { findGrubConf } from './locate.js';
import { prepare } from './prepare.js';
import { buildReport } from './report.js';
import type { RunResult } from './result.js';
import { renderSummary } from './text.js';

/** The JSON report and prose summary of a GRUB run, with --explain's part when asked. */
export function renderGrub(result: RunResult, options: Options): Finished {
  const json = buildReport(result);
  const summary = renderSummary(result);
  if (options.explain) {
    // Explanations are plain data (strings and numbers).
    json.explain = explain(result) as unknown as Json;
    summary.before = summary.before.concat(renderExplanation(result), '');
  }
  return { result, json, summary };
}

/** GRUB legacy: grub.conf (or menu.lst) with the parameters the rules give the guest. */
export const grubTarget: BootTarget = {
  kind: 'grub',
  flag: '--grub-conf',
  named: (options) => options.grubConf !== undefined,
  locate: findGrubConf,
  async run(access) {
    const { options } = access;
    const result = await commitResult(await prepare(access), options.force, access.sink);
    return renderGrub(result, options);
  },
};
