import type { InputFile } from '../shared/input.js';
import type { Options } from '../shared/options.js';
import type { FactSource } from '../facts/source.js';
import { chooseSource, type SourceChoice } from '../facts/sources/index.js';
import type { OutputPair } from './outputs.js';

/** Where an output pair is written, when not in this machine's files (a guest over SSH). */
export interface OutputSink {
  /** The guest's name, for messages and the steps to run there. */
  readonly where: string;
  /** Refuses now, before any question, what the write would refuse: an existing output without --force. */
  check(output: string, diffPath: string, force: boolean): Promise<void>;
  /** Whether the pair is already there with exactly these bytes (then nothing is written). */
  isCurrent(pair: OutputPair): Promise<boolean>;
  /** 'written', or 'script': the pair was turned into a script that writes it there. */
  write(pair: OutputPair): Promise<'written' | 'script'>;
}

/** A guest's boot config as the guest has it, when the run reads a private copy of it. */
export interface GuestConfig {
  /** Where the collector found it on the guest (/boot/grub/grub.conf, /etc/grub.conf ...). */
  path: string;
  /** Where its symlinks lead on the guest: the file to replace. */
  real: string;
  mode: number;
  uid: number;
  gid: number;
  readOnly?: boolean;
}

/**
 * How a run reaches its guest: the options the boot targets run with (their
 * `root` is where the guest's files are on this machine), where the facts
 * come from, and, for a private copy of a remote guest's files, what the
 * copy stands for and where outputs go.
 */
export interface GuestAccess {
  options: Options;
  /** Chooses the fact source once the boot config is located. */
  facts(configPath: string | undefined): SourceChoice;
  /** The files under `options.root` are a private copy of this guest's. */
  copy?: { name: string; config?: GuestConfig };
  /** Writes the outputs elsewhere than this machine's files. */
  sink?: OutputSink;
}

/** A guest whose files are under a directory of this machine (mounted, or `/`). */
export function localAccess(options: Options): GuestAccess {
  return { options, facts: (configPath) => chooseSource(options, configPath) };
}

/** A guest read from a private copy of its files: every fact comes from `source`. */
export function copyAccess(
  options: Options,
  source: FactSource,
  copy: NonNullable<GuestAccess['copy']>,
  sink?: OutputSink,
): GuestAccess {
  const access: GuestAccess = { options, facts: () => ({ source }), copy };
  if (sink) access.sink = sink;
  return access;
}

/** The input as read, with the guest's own mode, owner and paths when it is a copy. */
export function asGuestFile(input: InputFile, copy: GuestAccess['copy']): InputFile {
  const c = copy?.config;
  if (!copy || !c) return input;
  // The copy's own symlinks are this machine's business: the guest's real path is `real`.
  const rest: InputFile = { ...input };
  delete rest.linkTarget;
  return {
    ...rest,
    mode: c.mode,
    uid: c.uid,
    gid: c.gid,
    guest: { name: copy.name, path: c.path, real: c.real },
  };
}
