import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from '../shared/errors.js';

/**
 * The man page's prose: what the flag tables do not hold. Flags, subcommands
 * and their exit statuses come from the tables (man-page.ts); a test runs
 * every example here through the argument parser, so none can name a flag
 * or subcommand that does not exist.
 */

export const NAME_LINE =
  "write the kernel parameters that keep a RHEL KVM guest's clock from drifting";

export const DESCRIPTION: readonly string[] = [
  "A guest that keeps time with the CPU's Time Stamp Counter drifts when the host's TSC is not constant. KVM's paravirtualized clock (kvm-clock) fixes this, but only RHEL 5.4 and later guests fully support it; older guests, or guests whose kernel lacks kvm-clock, need kernel parameters such as notsc, lpj=N, clocksource=acpi_pm or clock=pmtmr.",
  "fix-clock-drift finds out the guest's release, architecture, kvm-clock and loops-per-jiffy from a guest root (the running system, or a guest disk mounted with --root), decides the parameters from the published tables (see --list-rules), and writes grub.conf.kvm, the guest's grub.conf with those parameters added, and a unified diff against grub.conf. It never edits grub.conf itself: review the diff, back up grub.conf, rename grub.conf.kvm to grub.conf and reboot the guest.",
  'It runs on a workstation or on the KVM host (it needs Node.js 20.17 or later); nothing is installed on the guest. On a terminal, a run whose flags leave the release or the architecture open asks for them; --yes, --json and a run without a terminal never ask.',
];

export const EXIT_STATUS: readonly [number, string][] = [
  [EXIT_OK, 'done: outputs written, or nothing needed changing, or --dry-run'],
  [
    EXIT_FAILURE,
    'failure: unreadable or unusable input, no rule for this guest, an output that may not be replaced, a write that failed (nothing is left half-written)',
  ],
  [EXIT_USAGE, 'usage error: a bad flag or flag value, or facts the tool needs and was not given'],
  [EXIT_INTERRUPTED, 'interrupted (Ctrl-C): nothing written'],
];

export const EXIT_NOTE =
  'Errors are one line on standard error naming the file or flag and what to do; with --json a JSON object with error and exitCode is also printed on standard output.';

export const FILES: readonly [string, string][] = [
  [
    '/boot/grub/grub.conf',
    "the guest's GRUB legacy config under --root (else /boot/grub/menu.lst): read, never written",
  ],
  [
    '/boot/grub/grub.conf.kvm',
    'the edited copy (--output), with the permission bits and owner of grub.conf',
  ],
  [
    '/boot/grub/grub.conf.kvm.diff',
    'the unified diff from grub.conf to grub.conf.kvm (--diff); GNU patch applies it byte for byte',
  ],
  [
    '/boot/grub/.grub.conf.kvm.lock',
    'held, with the pid, while the pair of outputs is written; one left by a dead process is taken over',
  ],
  ['boot.ini, boot.ini.kvm', 'a Windows guest: the file read, and the edited copy with its diff'],
];

/** One example: the words after `fix-clock-drift`, and what the run does. */
export interface Example {
  args: readonly string[];
  says: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    args: ['--root', '/mnt/guest', '--dry-run'],
    says: 'Detect the facts of a guest disk mounted on /mnt/guest and print the diff, writing nothing.',
  },
  {
    args: ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000', '--yes'],
    says: 'A RHEL 5.4 x86_64 guest without kvm-clock, on the guest itself: writes /boot/grub/grub.conf.kvm with notsc lpj=2394000, without questions.',
  },
  {
    args: ['--grub-conf', './grub.conf', '--params', 'notsc lpj=2394000', '--output', '-'],
    says: 'Add exactly these parameters to a copy of a grub.conf and print the result.',
  },
  {
    args: ['--root', '/mnt/guest', '--yes', '--json'],
    says: 'Detection and decision only, never prompting: a JSON report.',
  },
  { args: ['--list-rules'], says: 'The rule sets, their sources, policies and rows.' },
  { args: ['host-check'], says: "Check the KVM host's own timekeeping, read-only." },
  {
    args: ['collector'],
    says: "Print the script that collects a guest's facts where the tool cannot run.",
  },
  {
    args: ['completion', 'bash'],
    says: 'Print the bash completion; source it, or install it as a bash-completion file.',
  },
];

export const SEE_ALSO: readonly [string, number][] = [
  ['diff', 1],
  ['patch', 1],
  ['ssh', 1],
  ['guestmount', 1],
  ['kpartx', 8],
  ['vgimportclone', 8],
];
