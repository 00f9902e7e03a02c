export { bundleConfDir } from './bundle.js';
export { askYesNo, atTerminal, requireYesOrTerminal } from './confirm.js';
export { localConfDir } from './local.js';
export { remoteConfDir } from './remote.js';
export { installJson, nextSteps, renderInstall, type Reach } from './report.js';
export {
  runInstall,
  runRollback,
  type InstallOutcome,
  type InstallResult,
  type RunOptions,
} from './run.js';
export type { ConfDir, ConfState, ReplaceRequest } from './types.js';
