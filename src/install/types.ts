/** A file beside grub.conf as read: its bytes, or why there are none. */
export type Beside = { ok: true; bytes: Buffer } | { ok: false; why: string };

/** grub.conf and the files beside it that install and rollback decide from. */
export interface ConfState {
  /** grub.conf as given or found, as messages name it ("g54:/etc/grub.conf" over SSH). */
  shown: string;
  /** The real file, symlinks followed: what is replaced (a guest path over SSH). */
  real: string;
  mode: number;
  uid: number;
  gid: number;
  /** The files asked for, by the suffix appended to the real path ('' is grub.conf). */
  files: Map<string, Beside>;
  /** Names of the backups beside it, newest first. */
  backups: string[];
}

/**
 * Replace grub.conf as one step: first a backup (a copy of grub.conf as it
 * was read), written and synced, then the new content renamed over it.
 * Nothing is done if any of `expect` no longer holds those bytes.
 */
export interface ReplaceRequest {
  backup: string;
  /** grub.conf as read: the backup's content. */
  old: Buffer;
  next: Buffer;
  /** The files the decision was made from (by suffix), as they were read. */
  expect: { suffix: string; bytes: Buffer }[];
}

/**
 * What replace did: `replaced` grub.conf, or `script`: wrote the guest-side
 * writer that replaces it (from a facts bundle, for a fleet tool to run).
 */
export type ReplaceDone = 'replaced' | 'script';

/** Where grub.conf is: under a root here, on a guest over SSH, or in a facts bundle. */
export interface ConfDir {
  /** The guest's name over SSH or from a bundle; absent for files here. */
  readonly guest?: string;
  /** From a bundle: the file the writer goes to (replace writes it instead of replacing). */
  readonly script?: string;
  /**
   * Finds grub.conf (or takes the one `again` found) and reads it and the
   * files with these suffixes beside it.
   */
  read(suffixes: readonly string[], again?: Pick<ConfState, 'shown' | 'real'>): Promise<ConfState>;
  replace(state: ConfState, req: ReplaceRequest): Promise<ReplaceDone>;
  /** How messages name a file of grub.conf's directory. */
  show(state: ConfState, name: string): string;
  close(): Promise<void>;
}

/** The name of the real file, and its directory (POSIX paths on a guest, this machine's here). */
export function splitReal(real: string): { dir: string; name: string } {
  const at = real.lastIndexOf('/');
  return { dir: at <= 0 ? '/' : real.slice(0, at), name: real.slice(at + 1) };
}
