import type { ToolError } from '../shared/errors.js';
import type { InputFile } from '../shared/input.js';
import type { DetectedFacts } from '../facts/detect/types.js';
import type { Facts } from '../facts/types.js';
import type { TargetResult } from '../output/target.js';
import type { EntryPlan, ParamsOrigin } from '../plan/types.js';
import type { EntryEdit } from './edit.js';
import type { GrubConfig } from './model.js';

/** What is known before anything is decided: the config and the facts. */
export interface Inspection {
  root: string;
  inputPath?: string;
  input?: InputFile;
  config?: GrubConfig;
  /** Why no config could be read; thrown only when one is needed. */
  inputError?: ToolError;
  detected?: DetectedFacts;
  /** Why detection did not run, when it did not. */
  detectionSkipped?: string;
  facts: Facts;
}

/** A GRUB legacy run, prepared (and perhaps written). */
export interface RunResult extends Inspection, TargetResult {
  kind: 'grub';
  /** The parameters of the guest-wide decision (per entry: all entries' together). */
  params: string[];
  /** The guest-wide decision's origin; absent per entry or when nothing was decided. */
  origin?: ParamsOrigin;
  perEntry: boolean;
  plans: EntryPlan[];
  ruleNote?: string;
  edits: EntryEdit[];
  /** Advice that is not about grub.conf (NTP, hypervisor). */
  advice: string[];
  /** Why the guest does not use the kvm-clock it has (also among the warnings). */
  clockUse: string[];
}
