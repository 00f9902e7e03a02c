import { constants } from 'node:os';

/** Exit codes, as documented in the README. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT: the user pressed Ctrl-C (or Esc in the wizard). */
export const EXIT_INTERRUPTED = 130;

/** What stops a run that then cleans up: Ctrl-C, kill, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The exit status of a run stopped by `signal`, as a shell reports one killed by it: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** An error meant for the user: `message` is the one line they see. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

/** A bad flag or flag value: exit code 2. */
export class UsageError extends ToolError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'already exists',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
};

export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/** The words for an errno code ("permission denied" for EACCES), or undefined for one not listed. */
export function errnoReason(code: string | undefined): string | undefined {
  return code === undefined ? undefined : FS_REASONS[code];
}

/** "permission denied" for an EACCES, the error's own text otherwise. */
export function fsReason(err: unknown): string {
  return errnoReason(errnoCode(err)) ?? (err instanceof Error ? err.message : String(err));
}

/** The way out when the system refused: /boot/grub is root's; a read-only or full disk needs another place. */
export function rootHint(err: unknown, action: 'read' | 'write'): string {
  const code = errnoCode(err);
  if (action === 'write' && code === 'EROFS') {
    return ' (mount it read-write, or write elsewhere with --output and --diff, or use --dry-run)';
  }
  if (action === 'write' && (code === 'ENOSPC' || code === 'EDQUOT')) {
    return ' (free some space there, or write elsewhere with --output and --diff)';
  }
  if ((code !== 'EACCES' && code !== 'EPERM') || process.getuid?.() === 0) return '';
  return action === 'read'
    ? ' (grub.conf is usually readable by root only: run with sudo)'
    : ' (writing there needs root: run with sudo, or use --dry-run, or --output/--diff in a directory you can write)';
}
