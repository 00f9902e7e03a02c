import { EXIT_OK, UsageError } from '../../shared/errors.js';
import { renderBashCompletion } from '../completion-bash.js';
import { completionSpec } from '../completion-spec.js';
import { renderZshCompletion } from '../completion-zsh.js';
import type { Subcommand } from './types.js';

const SHELLS = {
  bash: renderBashCompletion,
  zsh: renderZshCompletion,
} as const;

type Shell = keyof typeof SHELLS;

function isShell(name: string | undefined): name is Shell {
  return name !== undefined && Object.hasOwn(SHELLS, name);
}

/**
 * `fix-clock-drift completion bash|zsh`: prints the shell completion script,
 * generated from the flag tables. It takes the registry as a function, so
 * that the registry can list it without an import cycle, and so it sees
 * every subcommand added after it.
 */
export function completionCommand(registry: () => readonly Subcommand[]): Subcommand {
  return {
    name: 'completion',
    summary: 'print the bash or zsh completion script (flags, subcommands, values)',
    description:
      'Prints the shell completion script for bash or zsh: source <(fix-clock-drift completion bash), or save it where the shell loads completions from.',
    args: '<shell>',
    argValues: () => Object.keys(SHELLS),
    exitStatus: '0 printed, 2 usage error (a shell other than bash or zsh).',
    flags: [],
    async run(_values, args) {
      const shell = args[0];
      if (!isShell(shell)) {
        throw new UsageError(
          `completion ${shell ?? ''}: no completion for that shell: give bash or zsh`,
        );
      }
      process.stdout.write(SHELLS[shell](completionSpec(registry())));
      return EXIT_OK;
    },
  };
}
