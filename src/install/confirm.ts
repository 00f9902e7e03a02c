import { EXIT_INTERRUPTED, ToolError, UsageError } from '../shared/errors.js';

/** A person is there to answer: stdin and stderr (where the question goes) are terminals. */
export function atTerminal(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** No terminal and no --yes: nobody can answer, so nothing may be done. */
export function requireYesOrTerminal(command: string, yes: boolean): void {
  if (!yes && !atTerminal())
    throw new UsageError(
      `${command} replaces grub.conf and asks first, but there is no terminal to answer on: give --yes to ${command} without a question`,
    );
}

/**
 * Asks on the terminal, after the details, and resolves to the answer: yes
 * only for "y" or "yes". End of input is no; Ctrl-C ends the run with 130
 * before anything is changed.
 */
export async function askYesNo(question: string, details: readonly string[]): Promise<boolean> {
  const { createInterface } = await import('node:readline');
  for (const d of details) process.stderr.write(`  ${d}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await new Promise<boolean>((resolve, reject) => {
      rl.once('SIGINT', () =>
        reject(new ToolError('interrupted at the question; nothing was changed', EXIT_INTERRUPTED)),
      );
      rl.once('close', () => resolve(false));
      rl.question(`${question} [y/N] `, (answer) => resolve(/^\s*y(es)?\s*$/i.test(answer)));
    });
  } finally {
    rl.close();
  }
}
