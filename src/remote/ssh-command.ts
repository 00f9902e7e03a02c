import os from 'node:os';
import { parse, quote } from 'shell-quote';
import { UsageError } from '../shared/errors.js';
import { printable } from '../shared/text.js';

/** The ssh program and the arguments the administrator gave before ours. */
export interface SshCommand {
  program: string;
  args: string[];
}

/**
 * Splits an ssh command given as one string (`--ssh-command "ssh -F cfg -p
 * 2222"`, like rsync's -e and GIT_SSH_COMMAND) into words as a shell would:
 * quotes, backslashes, $VARIABLES from the environment and a leading `~/`.
 * Pipes, redirections, globs and comments are refused: the words are run
 * directly, not by a shell.
 */
export function parseSshCommand(command: string | undefined): SshCommand {
  if (command === undefined || command.trim() === '') return { program: 'ssh', args: [] };
  const words: string[] = [];
  for (const entry of parse(command, (name) => process.env[name] ?? '')) {
    if (typeof entry !== 'string') {
      const what = 'op' in entry ? (entry.op === 'glob' ? entry.pattern : entry.op) : '#';
      throw new UsageError(
        `--ssh-command "${printable(command)}": "${printable(what)}" needs a shell, which is not used here; give the ssh program and its options only (quote words with spaces)`,
      );
    }
    words.push(entry.startsWith('~/') ? `${os.homedir()}${entry.slice(1)}` : entry);
  }
  const [program, ...args] = words;
  if (!program)
    throw new UsageError(
      '--ssh-command is empty: give an ssh command, e.g. "ssh -F ~/.ssh/lab-config"',
    );
  return { program, args };
}

/**
 * `[user@]host` as given to --ssh. It becomes one argument after `--`, but
 * ssh would still read `-oProxyCommand=...` as an option from a name
 * starting with `-`, and blanks or control characters are no host's name.
 */
export function checkTarget(target: string): string {
  const host = target.slice(target.lastIndexOf('@') + 1);
  if (target === '' || host === '')
    throw new UsageError(`--ssh "${printable(target)}": give a host name, as [USER@]HOST`);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (target.startsWith('-') || /[\s\x00-\x1f\x7f]/.test(target))
    throw new UsageError(
      `--ssh "${printable(target)}": not a host name (it starts with "-" or holds blanks or control characters); give [USER@]HOST`,
    );
  return target;
}

/** The host part of [user@]host: what an ssh_config `Host` line matches. */
export function hostOf(target: string): string {
  return target.slice(target.lastIndexOf('@') + 1);
}

/** Words shown to the user as one pasteable command line: quoted only where a shell needs it. */
export function showCommand(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : quote([w]))).join(' ');
}
