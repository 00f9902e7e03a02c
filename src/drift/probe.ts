/** What one command on the guest gave back. */
export interface ProbeResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The guest side of a measurement: runs one shell command on the guest and
 * resolves when it has finished. Over SSH each call is a new `ssh -S ctl host
 * cmd` on the one master connection; in tests, a local shell under libfaketime.
 * It rejects only when the command could not be run at all; a command that ran
 * and failed resolves with its exit code.
 */
export interface ClockProbe {
  run(command: string): Promise<ProbeResult>;
}

/**
 * What the guest runs for each sample: seconds since the epoch and, where
 * `date` knows `%N`, nanoseconds. `%s` and `%N` print digits in every locale,
 * and the line means the same to sh, bash 2.05 and csh, so nothing else is set.
 */
export const GUEST_DATE_COMMAND = 'date +%s.%N';
