import { EXIT_OK } from '../../shared/errors.js';
import type { ConfDir, InstallResult, Reach } from '../../install/index.js';
import { guestReach } from './guest-flags.js';
import type { FlagValues } from './types.js';

/**
 * What install and rollback share: the guest reached (--root or --ssh),
 * a question unless --yes (and a usage error without a terminal to ask
 * on), the connection closed whatever happens, the report printed.
 */
export async function runOnConf(
  command: 'install' | 'rollback',
  values: FlagValues,
  act: (
    dir: ConfDir,
    ask: ((q: string, d: string[]) => Promise<boolean>) | undefined,
  ) => Promise<InstallResult>,
): Promise<number> {
  const reach = guestReach(values, command);
  const yes = values.yes === true;
  const grubConf = typeof values.grubConf === 'string' ? values.grubConf : undefined;
  const install = await import('../../install/index.js');
  install.requireYesOrTerminal(command, yes);
  const dir =
    reach.kind === 'ssh'
      ? await install.remoteConfDir(reach.target, {
          ...(reach.sshCommand === undefined ? {} : { sshCommand: reach.sshCommand }),
          ...(grubConf === undefined ? {} : { grubConf }),
          interactive: install.atTerminal() && !yes,
        })
      : await install.localConfDir(reach.root, reach.rootGiven, grubConf);
  let result: InstallResult;
  try {
    result = await act(dir, yes ? undefined : install.askYesNo);
  } finally {
    await dir.close();
  }
  const shown: Reach =
    reach.kind === 'ssh'
      ? { kind: 'ssh', target: reach.target }
      : { kind: 'root', root: reach.root };
  process.stdout.write(
    values.json
      ? `${JSON.stringify(install.installJson(result, shown), null, 2)}\n`
      : install.renderInstall(result, shown),
  );
  return EXIT_OK;
}
