import path from 'node:path';
import type { Options } from '../../shared/options.js';
import type { FactSource } from '../source.js';
import { rootSource } from './root.js';

export type SourceChoice = { source: FactSource } | { skipped: string };

/**
 * Where the guest whose config is edited can be read from. Today one kind
 * of source: files under a root, `--root` when given; else `/` only if the
 * config lives under /boot. A grub.conf copied elsewhere is not this
 * machine's, so this machine's facts would mislead.
 */
export function chooseSource(options: Options, configPath: string | undefined): SourceChoice {
  const { root } = options;
  if (options.rootGiven || options.grubConf === undefined) return { source: rootSource(root) };
  const boot = path.join(path.resolve(root), 'boot') + path.sep;
  if (configPath !== undefined && path.resolve(configPath).startsWith(boot))
    return { source: rootSource(root) };
  return {
    skipped: `${configPath ?? 'the config'} is not under ${path.join(root, 'boot')}, so this system's files do not describe its guest: give --root to detect`,
  };
}
