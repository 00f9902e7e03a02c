import type { Options } from '../shared/options.js';
import { ruleArch } from './detect/index.js';
import type { DetectedFacts } from './detect/types.js';
import { factsFromOptions } from './from-options.js';
import type { Fact, Facts } from './types.js';

/** A flag's fact when the flag was given, else what detection found. */
function prefer<T>(flag: Fact<T>, given: boolean, detected: Fact<T> | undefined): Fact<T> {
  return given || !detected ? flag : detected;
}

/**
 * The facts the rules are asked with: flags always win over detection.
 * Without detection (see `detectionRoot`), only the flags speak.
 */
export function mergeFacts(detected: DetectedFacts | undefined, o: Options): Facts {
  const flags = factsFromOptions(o);
  return {
    release: prefer(flags.release, o.release !== undefined, detected?.release),
    arch: prefer(flags.arch, o.arch !== undefined, detected && ruleArch(detected.arch)),
    pvclock: prefer(flags.pvclock, o.pvclock !== undefined, detected?.pvclock),
    lpj: prefer(flags.lpj, o.lpj !== undefined, detected?.lpj),
  };
}
