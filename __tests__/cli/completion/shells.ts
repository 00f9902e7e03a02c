import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../../helpers/cli.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';

/** `fix-clock-drift completion SHELL` from the built CLI, saved to a file. */
export function completionScript(shell: 'bash' | 'zsh'): string {
  const r = runCli(['completion', shell]);
  if (r.code !== 0 || r.stderr !== '')
    throw new Error(`completion ${shell}: ${r.code} ${r.stderr}`);
  const file = path.join(tempDir('fcd-completion-'), `fix-clock-drift.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

const US = '\x1f';
const RS = '\x1e';

/**
 * Sources the script in a real bash and calls the function `complete -p`
 * names for fix-clock-drift as bash would on TAB, once per line: COMP_WORDS
 * as readline splits them (--flag=value is three words), COMP_LINE as typed.
 */
const BASH_DRIVER = `
source "$1"; shift
fn=$(complete -p fix-clock-drift | sed -E 's/.* -F ([^ ]+) .*/\\1/')
for line in "$@"; do
  IFS=$'${US}' read -ra COMP_WORDS <<<"$line"
  [[ $line == *$'${US}' ]] && COMP_WORDS+=('')
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
  COMP_LINE=$(IFS=' '; printf %s "\${COMP_WORDS[*]}")
  COMP_LINE=\${COMP_LINE// = /=}
  COMP_POINT=\${#COMP_LINE}
  COMPREPLY=()
  "$fn" fix-clock-drift "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
  (( \${#COMPREPLY[@]} )) && printf '%s${US}' "\${COMPREPLY[@]}"
  printf '${RS}'
done`;

/**
 * What bash offers for each command line, given as its words after
 * `fix-clock-drift` (the last is the one being completed; '' for a TAB
 * after a blank), with bash-completion loaded or without it.
 */
export function bashComplete(
  script: string,
  lines: readonly (readonly string[])[],
  withBashCompletion = true,
): string[][] {
  const load = withBashCompletion ? `source ${BASH_COMPLETION}\n` : '';
  const r = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      load + BASH_DRIVER,
      'bash',
      script,
      ...lines.map((l) => ['fix-clock-drift', ...l].join(US)),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0 || r.stderr !== '') throw new Error(`bash: ${r.status} ${r.stderr}`);
  return r.stdout
    .split(RS)
    .slice(0, lines.length)
    .map((s) => s.split(US).filter((w) => w !== ''));
}

/**
 * What zsh offers for each command line, typed with a TAB into an
 * interactive `zsh -f` (under zpty) with compinit run and the script
 * sourced: see zsh-complete.zsh.
 */
export function zshComplete(script: string, lines: readonly string[]): string[][] {
  const r = spawnSync(
    'zsh',
    [
      '-f',
      path.join(HERE, 'zsh-complete.zsh'),
      script,
      ...lines.map((l) => `fix-clock-drift ${l}`),
    ],
    { encoding: 'utf8', timeout: 20_000 },
  );
  if (r.status !== 0 || r.stderr !== '') throw new Error(`zsh: ${r.status} ${r.stderr}`);
  const offered = new Map<string, string[]>();
  for (const row of r.stdout.split('\n').filter((x) => x !== '')) {
    const [typed, word] = row.split('\t') as [string, string];
    offered.set(typed, [...(offered.get(typed) ?? []), word]);
  }
  return lines.map((l) => offered.get(`fix-clock-drift ${l}`) ?? []);
}
