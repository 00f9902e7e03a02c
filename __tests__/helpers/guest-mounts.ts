import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';

export interface GuestMounts {
  /** Makes a directory of the guest read-only (a bind mount), as a separate /boot mounted ro is. */
  mountReadOnly(rel: string): void;
  /**
   * Puts a directory of the guest on a small tmpfs, keeping its contents, and
   * fills it so that only about `freeKiB` stay free: a full /boot.
   */
  mountFull(rel: string, freeKiB: number): void;
}

/**
 * Mounts made inside sshd's private mount namespace (entered with nsenter):
 * only the guests' sessions see them, and they vanish when sshd exits.
 * Without a namespace (no CAP_SYS_ADMIN) they cannot be made, and say so.
 */
export function guestMounts(nsPid: number | undefined, root: string, scratch: string): GuestMounts {
  function inNamespace(script: string, ...args: string[]): void {
    if (nsPid === undefined)
      throw new Error(
        'test mounts need sshd in its own mount namespace (unshare -m: root with CAP_SYS_ADMIN)',
      );
    execFileSync('nsenter', ['-t', String(nsPid), '-m', 'sh', '-euc', script, 'sh', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const at = (rel: string) => path.join(root, rel);
  return {
    mountReadOnly(rel) {
      inNamespace('mount -o bind,ro "$1" "$1"', at(rel));
    },
    mountFull(rel, freeKiB) {
      const stash = mkdtempSync(path.join(scratch, 'stash-'));
      // Size the tmpfs from what it must hold, then fill what is left but freeKiB.
      inNamespace(
        `d=$1; s=$2; free=$3
        cp -a "$d/." "$s/"
        used=$(du -sk "$d" | cut -f1)
        mount -t tmpfs -o size=$((used + free + 256))k,mode=0755 fcd-test "$d"
        cp -a "$s/." "$d/"
        avail=$(df -Pk "$d" | awk 'NR==2 {print $4}')
        fill=$((avail - free))
        if [ "$fill" -gt 0 ]; then dd if=/dev/zero of="$d/.filler" bs=1k count="$fill" 2>/dev/null; fi`,
        at(rel),
        stash,
        String(freeKiB),
      );
    },
  };
}
