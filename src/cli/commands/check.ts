import { GUEST_FLAGS, JSON_FLAG, factsFlag, guestReach } from './guest-flags.js';
import type { Subcommand } from './types.js';

/** `fix-clock-drift check`: after the reboot, whether what install put in place is in force. */
export const check: Subcommand = {
  name: 'check',
  summary:
    'after the reboot: the kernel booted with the parameters, uses the clock they select, and NTP runs',
  description:
    "Checks a running guest after the reboot: /proc/cmdline holds every parameter of grub.conf's default entry, the clocksource in use (sysfs, or the kernel log on RHEL 3/4) is the one those parameters select, and ntpd (or chronyd) runs and starts at boot. Each finding names where it was read. Read-only.",
  exitStatus:
    '0 every finding holds, 1 one does not or cannot be told (or a failure), 2 usage error (also: a mounted disk, which has no running kernel).',
  flags: [
    ...GUEST_FLAGS,
    factsFlag(
      "check from a facts bundle the collector printed on the running guest after its reboot (the Ansible role's G.facts), instead of reaching it; - reads stdin",
    ),
    JSON_FLAG,
  ],
  async run(values) {
    const reach = guestReach(values, 'check');
    const c = await import('../../check/index.js');
    const guest =
      reach.kind === 'facts'
        ? await c.factsGuest(reach.file)
        : reach.kind === 'ssh'
          ? await c.sshGuest(reach.target, {
              ...(reach.sshCommand === undefined ? {} : { sshCommand: reach.sshCommand }),
              interactive: process.stdin.isTTY === true && !values.json,
            })
          : await c.localGuest(reach.root);
    let report;
    try {
      report = await c.runCheck(guest);
    } finally {
      await guest.close();
    }
    const code = c.checkExitCode(report);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(c.checkJson(report, code), null, 2)}\n`
        : c.renderCheck(report),
    );
    return code;
  },
};
