import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { GuestSpec } from './sshd.js';

/**
 * sudo as RHEL 3 and 4 ship it (1.6.7): no -n (it came with 1.7), which
 * Ansible's default become flags (-H -S -n) pass. It runs the command as is
 * (the test logs in as root already). A fake guest's /bin/sh is the
 * sample's stub, read by detection and never run: Ansible's `/bin/sh -c`
 * gets the guest's shell from PATH instead. Each call's flags and
 * command name are logged in /.fcd/sudo.log.
 */
export const SUDO_1_6_7 = `fcd_flags=
while [ $# -gt 0 ]; do
  case $1 in
    -H|-S) fcd_flags="$fcd_flags $1"; shift ;;
    -p|-u) fcd_flags="$fcd_flags $1 $2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "sudo:$fcd_flags $1 (refused)" >> /.fcd/sudo.log
        echo "sudo: illegal option \\\`$1'" >&2
        echo "usage: sudo -K | -L | -V | -h | -k | -l | -v" >&2
        exit 1 ;;
    *) break ;;
  esac
done
echo "sudo:$fcd_flags $1" >> /.fcd/sudo.log
if [ "$1" = /bin/sh ]; then shift; set -- sh "$@"; fi
exec "$@"
`;

/** The samples the fleet tests use, with the uname answers of the kernel each boots by default. */
export const FLEET_SAMPLES = {
  rhel39: { sample: 'rhel3.9-i686', uname: { r: '2.4.21-50.ELsmp', m: 'i686' } },
  rhel48: { sample: 'rhel4.8-i686', uname: { r: '2.6.9-89.EL', m: 'i686' } },
  rhel54n: { sample: 'rhel5.4-i686-nokvmclock', uname: { r: '2.6.18-164.el5', m: 'i686' } },
  rhel54: { sample: 'rhel5.4-x86_64', uname: { r: '2.6.18-164.2.1.el5', m: 'x86_64' } },
  rhel53crlf: { sample: 'rhel5.3-i686-crlf', uname: { r: '2.6.18-128.el5PAE', m: 'i686' } },
} as const;

export type FleetSample = keyof typeof FLEET_SAMPLES;

/** A fake guest of one of those samples under another alias. */
export function sampleGuest(
  alias: string,
  of: FleetSample,
  more: Partial<GuestSpec> = {},
): GuestSpec {
  const s = FLEET_SAMPLES[of];
  return {
    alias,
    shell: 'busybox',
    sample: s.sample,
    ...more,
    uname: { ...s.uname, ...more.uname },
  };
}

/** The default entry's kernel line cut by an unbalanced quote (a console= typed by hand). */
export const UNBALANCED_LINE = {
  from: /^(\tkernel \/vmlinuz-2\.6\.18-164\.el5 .* quiet)$/m,
  to: '$1 console="ttyS0,115200',
};

/** Every file and directory of a guest tree but the harness's own, with what a write would change. */
export function snapshot(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const rel = path.relative(root, p);
      if (rel === '.fcd' || rel === 'dev') continue;
      const st = lstatSync(p);
      seen.set(rel, `${st.mode} ${st.uid}:${st.gid} ${st.size} ${st.mtimeMs} ${st.ino}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(root);
  return seen;
}
