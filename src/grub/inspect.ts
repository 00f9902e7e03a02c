import { promises as fsp } from 'node:fs';
import { UsageError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { detectFacts } from '../facts/detect/index.js';
import { mergeFacts } from '../facts/merge.js';
import type { GuestAccess } from '../output/guest.js';
import { kernelOfImage } from '../plan/kernel.js';
import { readGrubConfig } from './config.js';
import type { Inspection } from './result.js';
import { defaultEntry } from './select.js';

async function checkRoot(options: Options): Promise<void> {
  if (!options.rootGiven) return;
  const st = await fsp.stat(options.root).catch(() => undefined);
  if (!st?.isDirectory())
    throw new UsageError(`--root ${options.root}: not a directory (give the guest's mounted root)`);
}

/** Reads the config and the guest's facts; nothing is decided yet. */
export async function inspect(access: GuestAccess): Promise<Inspection> {
  const { options } = access;
  if (!access.copy) await checkRoot(options);
  const read = await readGrubConfig(access);
  const inspection: Inspection = {
    root: options.root,
    ...read,
    facts: mergeFacts(undefined, options),
  };
  const choice = access.facts(read.inputPath);
  if ('skipped' in choice) return { ...inspection, detectionSkipped: choice.skipped };
  const def = read.config && defaultEntry(read.config).entry;
  const { version } = kernelOfImage(def?.image);
  const detected = await detectFacts(
    choice.source,
    version === undefined ? {} : { defaultKernelVersion: version },
  );
  return { ...inspection, detected, facts: mergeFacts(detected, options) };
}
