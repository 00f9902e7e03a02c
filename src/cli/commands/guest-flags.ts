import { UsageError } from '../../shared/errors.js';
import type { FlagSpec } from '../options.js';
import type { FlagValues } from './types.js';

/** How a subcommand reaches its guest: files under a root here, a live guest over SSH, or a saved bundle. */
export type GuestReach =
  | { kind: 'root'; root: string; rootGiven: boolean }
  | { kind: 'ssh'; target: string; sshCommand?: string }
  | { kind: 'facts'; file: string };

export const ROOT_FLAG: FlagSpec = {
  flags: '--root <dir>',
  description: "the guest's root here: / on the guest itself, or its mounted disk",
  defaultText: '/',
};

export const SSH_FLAG: FlagSpec = {
  flags: '--ssh <[user@]host>',
  description: "a live guest to reach with this machine's OpenSSH client, over one connection",
};

export const SSH_COMMAND_FLAG: FlagSpec = {
  flags: '--ssh-command <command>',
  description:
    'the ssh command to use instead of ssh, e.g. "ssh -F ./ssh_config -p 2222" (like rsync -e)',
  defaultText: 'ssh',
};

export const JSON_FLAG: FlagSpec = {
  flags: '--json',
  description: 'print a machine-readable report on stdout instead of prose',
};

/** A subcommand's --facts: what the guest's collector printed, saved (the Ansible role's G.facts). */
export function factsFlag(description: string): FlagSpec {
  return { flags: '--facts <file>', description };
}

export const GUEST_FLAGS: readonly FlagSpec[] = [ROOT_FLAG, SSH_FLAG, SSH_COMMAND_FLAG];

function text(values: FlagValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
}

/** --root, --ssh or --facts (one of them), and --ssh-command only with --ssh. */
export function guestReach(values: FlagValues, command: string): GuestReach {
  const root = text(values, 'root');
  const ssh = text(values, 'ssh');
  const sshCommand = text(values, 'sshCommand');
  const facts = text(values, 'facts');
  if (facts !== undefined) {
    const other = root !== undefined ? '--root' : ssh !== undefined ? '--ssh' : undefined;
    if (other !== undefined)
      throw new UsageError(`${command}: --facts and ${other} name two guests: give one of them`);
    if (sshCommand !== undefined)
      throw new UsageError(`${command}: --ssh-command applies only with --ssh HOST`);
    if (facts === '') throw new UsageError(`${command}: --facts is empty: give the bundle's file`);
    return { kind: 'facts', file: facts };
  }
  if (root !== undefined && ssh !== undefined)
    throw new UsageError(`${command}: --root and --ssh name two guests: give one of them`);
  if (ssh !== undefined)
    return sshCommand === undefined
      ? { kind: 'ssh', target: ssh }
      : { kind: 'ssh', target: ssh, sshCommand };
  if (sshCommand !== undefined)
    throw new UsageError(`${command}: --ssh-command applies only with --ssh HOST`);
  if (root === '')
    throw new UsageError(`${command}: --root is empty: give the guest's root directory`);
  return { kind: 'root', root: root ?? '/', rootGiven: root !== undefined };
}
