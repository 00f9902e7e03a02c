import { commitResult } from '../output/commit.js';
import type { BootTarget } from '../output/target.js';
import { findBootIni } from './locate.js';
import { prepareBootIni } from './prepare.js';
import { bootIniReport, bootIniSummary } from './report.js';

/** Windows XP/2003: boot.ini's OS entries get /usepmtimer. */
export const bootIniTarget: BootTarget = {
  kind: 'boot.ini',
  flag: '--boot-ini',
  named: (options) => options.bootIni !== undefined,
  locate: findBootIni,
  async run({ options }) {
    const file = options.bootIni ?? (await findBootIni(options.root));
    if (file === undefined)
      throw new Error('the boot.ini target runs only once its file was found');
    const prepared = await prepareBootIni(file, options);
    const result = await commitResult(prepared, options.force);
    return { result, json: bootIniReport(result), summary: bootIniSummary(result) };
  },
};
