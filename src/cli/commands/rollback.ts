import { GUEST_FLAGS, JSON_FLAG } from './guest-flags.js';
import { runOnConf } from './conf-dir.js';
import type { Subcommand } from './types.js';

/** `fix-clock-drift rollback`: puts a backup of grub.conf back, as safely as install replaced it. */
export const rollback: Subcommand = {
  name: 'rollback',
  summary: 'restore the newest (or a named) backup of grub.conf, backing up the current one first',
  description:
    'Restores grub.conf from the newest grub.conf.bak-* beside it (or the one --backup names), the same way install replaces it: the current grub.conf is backed up first (so a rollback can be rolled back), then the backup is renamed over it atomically. Asks first on a terminal unless --yes.',
  exitStatus:
    '0 restored, already the same, or answered no; 1 refused or failed (grub.conf is then as it was); 2 usage error; 130 interrupted.',
  flags: [
    ...GUEST_FLAGS,
    {
      flags: '--grub-conf <path>',
      description: 'the GRUB legacy config to restore; over --ssh, a path on the guest',
      defaultText: '<root>/boot/grub/grub.conf, else menu.lst, else /etc/grub.conf',
    },
    {
      flags: '--backup <name>',
      description: 'the backup to restore, e.g. grub.conf.bak-20240102-030405',
      defaultText: 'the newest',
    },
    { flags: '--yes', description: 'do not ask (needed without a terminal)' },
    JSON_FLAG,
  ],
  async run(values) {
    const { runRollback } = await import('../../install/index.js');
    const backup = typeof values.backup === 'string' ? values.backup : undefined;
    return runOnConf('rollback', values, (dir, ask) =>
      runRollback(dir, backup, ask ? { ask } : {}),
    );
  },
};
