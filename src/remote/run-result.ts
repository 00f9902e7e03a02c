import { ToolError } from '../shared/errors.js';

export interface RunResult {
  /** The remote command's exit status. */
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** A command's connection went away before it finished; what it printed until then is kept. */
export class ConnectionDroppedError extends ToolError {
  constructor(
    message: string,
    readonly stdout: Buffer,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ConnectionDroppedError';
  }
}

/** What runs a command on the guest: a Session, its guest shell, or anything with the same run(). */
export interface CommandRunner {
  readonly target: string;
  run(command: string, stdin?: string | Buffer): Promise<RunResult>;
}
