import { EXIT_OK, UsageError } from '../../shared/errors.js';
import type { ConfDir, InstallResult, Reach } from '../../install/index.js';
import { guestReach, type GuestReach } from './guest-flags.js';
import type { FlagValues } from './types.js';

function text(values: FlagValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

/** --facts decides from a bundle and can only emit the writer; --emit-writer needs a bundle. */
function emitTarget(command: string, reach: GuestReach, values: FlagValues): string | undefined {
  const emit = text(values, 'emitWriter');
  if (reach.kind !== 'facts') {
    if (emit !== undefined)
      throw new UsageError(
        `${command}: --emit-writer works with --facts: give the bundle the guest's collector printed`,
      );
    return undefined;
  }
  if (text(values, 'grubConf') !== undefined)
    throw new UsageError(`${command}: --facts holds the guest's grub.conf: drop --grub-conf`);
  if (emit === undefined || emit === '')
    throw new UsageError(
      `${command} --facts decides from a bundle, away from the guest: give --emit-writer FILE for the writer that replaces grub.conf there`,
    );
  return emit;
}

/**
 * What install and rollback share: the guest reached (--root, --ssh, or
 * --facts with --emit-writer), a question unless --yes (and a usage error
 * without a terminal to ask on), the guest closed whatever happens, the
 * report printed.
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
  const emit = emitTarget(command, reach, values);
  const yes = values.yes === true;
  const grubConf = text(values, 'grubConf');
  const install = await import('../../install/index.js');
  install.requireYesOrTerminal(command, yes);
  const dir =
    reach.kind === 'facts'
      ? await install.bundleConfDir(reach.file, emit as string)
      : reach.kind === 'ssh'
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
    reach.kind === 'facts'
      ? { kind: 'facts', file: reach.file }
      : reach.kind === 'ssh'
        ? { kind: 'ssh', target: reach.target }
        : { kind: 'root', root: reach.root };
  process.stdout.write(
    values.json
      ? `${JSON.stringify(install.installJson(result, shown), null, 2)}\n`
      : install.renderInstall(result, shown),
  );
  return EXIT_OK;
}
