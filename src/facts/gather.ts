import path from 'node:path';
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

/**
 * Which root's files describe the guest whose config is edited: `--root`
 * when given; else `/` only if the config lives under /boot. A grub.conf
 * copied elsewhere is not this machine's, so this machine's facts would
 * mislead.
 */
export function detectionRoot(
  o: Options,
  rootGiven: boolean,
  inputPath: string | undefined,
): string | undefined {
  if (rootGiven || o.grubConf === undefined) return o.root;
  if (inputPath === undefined) return undefined;
  const boot = path.join(path.resolve(o.root), 'boot') + path.sep;
  return path.resolve(inputPath).startsWith(boot) ? o.root : undefined;
}
