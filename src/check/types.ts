/**
 * What `check` finds on a guest after the reboot. Every finding names where
 * each thing it says was read (`evidence`), so a reader can look again.
 */
export type CheckStatus = 'ok' | 'fail' | 'unknown';

export type CheckId = 'cmdline' | 'clocksource' | 'ntp';

export interface Evidence {
  /** A file ("g54:/proc/cmdline"), a command ("dmesg"), or a file and line. */
  source: string;
  found: string;
}

export interface CheckFinding {
  id: CheckId;
  status: CheckStatus;
  /** One line. */
  summary: string;
  evidence: Evidence[];
  /** What to do when it does not hold, if something exact can be said. */
  remedy?: string[];
  /** Values a script can test (see each finding's module). */
  data: Record<string, unknown>;
}

export interface CheckReport {
  /** The guest ("g54") or the root checked. */
  guest: string;
  /** `uname -r` of the running kernel, when known. */
  runningKernel: string | null;
  /** The default entry of grub.conf, when it could be told. */
  defaultEntry: {
    index: number;
    title: string;
    kernel: string | null;
    /** "g54:/boot/grub/grub.conf line 16". */
    source: string;
  } | null;
  /** In a fixed order: cmdline, clocksource, ntp. */
  findings: CheckFinding[];
}
