import { MAX_INPUT_BYTES } from '../../shared/input.js';

/** The bundle format this tool reads and its collector writes (README.md beside this file). */
export const BUNDLE_FORMAT = 1;

export const BUNDLE_NAME = 'FIX-CLOCK-DRIFT FACTS';
export const BEGIN_LINE = `-----BEGIN ${BUNDLE_NAME}-----`;
/** "-----END FIX-CLOCK-DRIFT FACTS 46 RECORDS-----". */
export const END_LINE = /^-----END FIX-CLOCK-DRIFT FACTS (\d{1,9}) RECORDS-----$/;

/**
 * Bounds on an untrusted bundle. A collector's bundle is tens of KiB; these
 * only stop a hostile or mistaken input from costing memory or disk.
 */
export const BUNDLE_LIMITS = {
  /** Characters of input: hex doubles the bytes, a grub.conf may be big. */
  text: 2 * (MAX_INPUT_BYTES + 8 * 1024 * 1024),
  records: 4096,
  /** Bytes of one file or command output (detection reads at most 1 MiB of any file). */
  file: 1024 * 1024,
  /** Bytes of the grub.conf, as readInput allows. */
  grubConf: MAX_INPUT_BYTES,
  /** Bytes of all records together. */
  total: MAX_INPUT_BYTES + 8 * 1024 * 1024,
  /** Bytes of a guest path or link target (PATH_MAX) and of one path component (NAME_MAX). */
  path: 4095,
  name: 255,
} as const;

/** How much of a file the collector sent (collector.sh, `c_take`). */
export type FilePart =
  /** The first `max` bytes, exactly. */
  | 'head'
  /** Every byte. */
  | 'whole'
  /** /proc/cpuinfo up to the first blank line (the first processor), at most `max` bytes. */
  | 'block'
  /** The kernel config lines detection uses (and the file's first CONFIG_ line). */
  | 'config'
  /** The kernel log lines detection uses, from the last MiB of the log. */
  | 'log'
  /** /proc/mounts lines for / and /boot. */
  | 'mounts';

export const FILE_PARTS: readonly FilePart[] = [
  'head',
  'whole',
  'block',
  'config',
  'log',
  'mounts',
];

/** What the guest has at a path, named by the record: its content, or only that it is there or not. */
export type PathKind = 'dir' | 'exists' | 'other' | 'missing' | 'unreadable' | 'grub';

export const PATH_KINDS: readonly PathKind[] = [
  'dir',
  'exists',
  'other',
  'missing',
  'unreadable',
  'grub',
];

interface RecordBase {
  /** The record's number in the bundle, from 1. */
  n: number;
}

/**
 * A regular file's bytes (or the part the collector sent), at its real path:
 * symlinks on the way to it are link records of their own. Guest paths are
 * absolute and held as latin1 strings (one char per byte of the name).
 */
export interface FileRecord extends RecordBase {
  kind: 'file';
  path: string;
  data: Buffer;
  part: FilePart;
  /** The byte limit of a head or block read. */
  max?: number;
  /** Permission bits, owner and group on the guest. */
  mode?: number;
  uid?: number;
  gid?: number;
  /** Logs only: 0 for the newest, one more for each step older; equal ages share an mtime. */
  age?: number;
  role?: FileRole;
}

export interface LinkRecord extends RecordBase {
  kind: 'link';
  path: string;
  /** The target as the guest's symlink holds it. */
  target: string;
}

/**
 * A path with no content: a directory; something there that detection only
 * lists or tests for (`exists`); not a regular file or directory (`other`);
 * not there; unreadable to the collector; or the GRUB config as found (its
 * content is the file record its path resolves to).
 */
export interface PathRecord extends RecordBase {
  kind: PathKind;
  path: string;
}

/** A command's output (stderr dropped) and exit status. */
export interface CommandRecord extends RecordBase {
  kind: 'cmd';
  /** "dmesg", "uname-r", "uname-m". */
  name: string;
  status: number;
  /** 'log': only the kernel log lines detection uses. */
  part: 'whole' | 'log';
  data: Buffer;
}

export type BundleRecord = FileRecord | LinkRecord | PathRecord | CommandRecord;

export interface Bundle {
  /** The file name it was read from, or "stdin": what messages call it. */
  name: string;
  format: number;
  /** The collector's version (the tool version that printed it, "dev" from a source tree). */
  collector: string;
  /** Every record after the bundle's own header, in order. */
  records: BundleRecord[];
}

/**
 * What a file is to the run, when more than a fact: the GRUB config, GRUB's
 * `default` file beside it, and a pair an earlier run left beside it.
 */
export const FILE_ROLES = ['grub-conf', 'grub-default', 'grub-kvm', 'grub-kvm-diff'] as const;
export type FileRole = (typeof FILE_ROLES)[number];
