import { GUEST_FLAGS, JSON_FLAG, factsFlag } from './guest-flags.js';
import { runOnConf } from './conf-dir.js';
import type { Subcommand } from './types.js';

/** `fix-clock-drift install`: the seed document's "back up, check, rename" as one checked step. */
export const install: Subcommand = {
  name: 'install',
  summary:
    'replace grub.conf with the reviewed grub.conf.kvm, after checking it and backing grub.conf up',
  description:
    'Replaces grub.conf with the grub.conf.kvm a run wrote beside it, only if grub.conf has not changed since (the diff records its checksum) and grub.conf.kvm differs from it only by the parameters added or replaced on its kernel lines, as the diff shows; grub.conf is first backed up to grub.conf.bak-YYYYMMDD-HHMMSS (UTC) with its mode and owner, then replaced by an atomic rename. Asks first on a terminal unless --yes.',
  exitStatus:
    '0 installed, already installed, answered no, or (--emit-writer) the writer emitted; 1 refused or failed (grub.conf is then as it was); 2 usage error; 130 interrupted.',
  flags: [
    ...GUEST_FLAGS,
    {
      flags: '--grub-conf <path>',
      description:
        'the GRUB legacy config to replace (through a symlink such as /etc/grub.conf, its target is replaced and the link kept); over --ssh, a path on the guest',
      defaultText: '<root>/boot/grub/grub.conf, else menu.lst, else /etc/grub.conf',
    },
    factsFlag(
      'decide from a facts bundle the collector printed on the guest (its grub.conf, grub.conf.kvm and diff, mode and owner) instead of reaching it; - reads stdin. Needs --emit-writer',
    ),
    {
      flags: '--emit-writer <file>',
      description:
        "with --facts: put the guest-side sh writer that backs grub.conf up and replaces it in this file instead of installing, for a fleet tool to run on the guest (the Ansible role's raw task); it does nothing if grub.conf or grub.conf.kvm there changed since the bundle (outcome script)",
    },
    { flags: '--yes', description: 'do not ask (needed without a terminal)' },
    JSON_FLAG,
  ],
  async run(values) {
    const { runInstall } = await import('../../install/index.js');
    return runOnConf('install', values, (dir, ask) => runInstall(dir, ask ? { ask } : {}));
  },
};
