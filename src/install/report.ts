import { EXIT_OK } from '../shared/errors.js';
import { VERSION } from '../shared/version.js';
import { describeChange } from './pair.js';
import type { InstallResult } from './run.js';

/** How the guest was reached, as the flags that reach it again. */
export type Reach =
  | { kind: 'ssh'; target: string }
  | { kind: 'root'; root: string }
  | { kind: 'facts'; file: string };

function flags(reach: Reach): string {
  if (reach.kind === 'ssh') return ` --ssh ${reach.target}`;
  if (reach.kind === 'facts') return '';
  return reach.root === '/' ? '' : ` --root ${reach.root}`;
}

/** What to do next, in words and commands. */
export function nextSteps(r: InstallResult, reach: Reach): string[] {
  if (r.outcome === 'script')
    return [
      `Run ${r.script ?? 'the writer'} on the guest as root with sh (the Ansible role's raw task does): it backs grub.conf up and replaces it only if grub.conf and grub.conf.kvm there are still what was checked here`,
    ];
  const changed = r.outcome === 'installed' || r.outcome === 'restored';
  // From a bundle nothing is replaced here (outcome `script` above).
  if (!changed || reach.kind === 'facts') return [];
  const reboot =
    reach.kind === 'ssh'
      ? `Reboot the guest: reboot (on ${reach.target})`
      : reach.root === '/'
        ? 'Reboot: reboot'
        : 'Unmount the guest disk and boot the guest';
  const check =
    reach.kind === 'root' && reach.root !== '/'
      ? 'After the boot, on the guest: fix-clock-drift check (or check --ssh GUEST from here)'
      : `After the reboot: fix-clock-drift check${flags(reach)}`;
  const undo =
    r.command === 'install'
      ? `To go back: fix-clock-drift rollback${flags(reach)}`
      : `To undo this rollback: fix-clock-drift rollback${flags(reach)} (it restores the newest backup, the one just made)`;
  return [reboot, check, undo];
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** The prose report. */
export function renderInstall(r: InstallResult, reach: Reach): string {
  const lines: string[] = [];
  const owner = `mode ${octal(r.mode)}, owner ${r.owner.uid}:${r.owner.gid}`;
  const kvm = `${r.real}.kvm`;
  switch (r.outcome) {
    case 'installed':
      lines.push(
        `Installed ${kvm} as ${r.real}${r.grubConf !== r.real ? ` (reached as ${r.grubConf})` : ''}.`,
      );
      break;
    case 'restored':
      lines.push(`Restored ${r.restored} as ${r.real}.`);
      break;
    case 'already-installed':
      lines.push(`${r.real} already is ${kvm}: it was installed before; nothing was changed.`);
      break;
    case 'already-restored':
      lines.push(`${r.real} already is ${r.restored}; nothing was changed.`);
      break;
    case 'declined':
      lines.push(`Nothing was changed: you answered no.`);
      break;
    case 'script':
      lines.push(
        `Checked ${kvm} against ${r.real} as the bundle shows them, and wrote the writer that installs it to ${r.script ?? '?'}; nothing is installed until it runs on the guest.`,
      );
      break;
  }
  if (r.backup)
    lines.push(
      `  Backup:   ${r.backup} (${owner}), ${r.outcome === 'script' ? 'to be ' : ''}written and synced before the rename`,
    );
  for (const c of r.changes)
    lines.push(`  Line ${c.line} (entry ${c.entry} "${c.title}"): ${describeChange(c)}`);
  const next = nextSteps(r, reach);
  if (next.length) lines.push('', 'Next:', ...next.map((s, i) => `  ${i + 1}. ${s}`));
  return `${lines.join('\n')}\n`;
}

/** The --json report: always one object. */
export function installJson(r: InstallResult, reach: Reach): Record<string, unknown> {
  return {
    tool: 'fix-clock-drift',
    version: VERSION,
    command: r.command,
    guest: r.guest,
    grubConf: r.grubConf,
    real: r.real,
    outcome: r.outcome,
    changed: r.outcome === 'installed' || r.outcome === 'restored',
    exitCode: EXIT_OK,
    backup: r.backup,
    restored: r.restored,
    script: r.script,
    mode: octal(r.mode),
    owner: r.owner,
    changes: r.changes,
    madeFrom: r.madeFrom,
    next: nextSteps(r, reach),
  };
}
