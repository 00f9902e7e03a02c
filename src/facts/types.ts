import type { Arch } from '../rules/types.js';

/**
 * One thing known about the guest, with where it was learnt: a flag
 * (`--release`), a file under the guest root, or an assumption.
 */
export interface Fact<T> {
  value: T | undefined;
  /** The flag or file it came from, or what was looked at when unknown. */
  source: string;
  /** Not read anywhere: a default the tool fell back on (and says so). */
  assumed?: boolean;
  /** Extra detail worth showing (e.g. "derived from BogoMIPS"). */
  note?: string;
}

export interface Facts {
  release: Fact<string>;
  arch: Fact<Arch>;
  pvclock: Fact<boolean>;
  lpj: Fact<number>;
}

export function known<T>(value: T, source: string, note?: string): Fact<T> {
  return note === undefined ? { value, source } : { value, source, note };
}

export function unknown<T>(source: string): Fact<T> {
  return { value: undefined, source };
}
