import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  MISSING_ON_OLD_GUESTS,
  appletList,
  patchedBusybox,
  sharedObjects,
  withPrivateInterpreter,
} from './busybox.js';

/** The shell a fake guest runs every command with (its `sh`). */
export type GuestShell = 'busybox' | 'dash';

export interface FakeGuestTools {
  shell: GuestShell;
  /** `uname -r`, `uname -m`, `uname -n` answers; a flag with no answer makes uname fail. */
  uname?: { r?: string; m?: string; n?: string; v?: string };
  /** What `dmesg` prints (default: nothing). */
  dmesg?: string | Buffer;
  /**
   * Commands replaced by a script (its body, run by the guest's sh). Inside
   * it, `real` runs the busybox applet of the same name, e.g. a `md5sum`
   * that waits: `while [ -e /.fcd/hold ]; do sleep 0.05; done; real "$@"`.
   */
  fake?: Record<string, string>;
  /** Applets to leave out besides those old RHEL lacks (MISSING_ON_OLD_GUESTS). */
  hide?: string[];
}

/** Shells are never linked as applets in a dash guest: there dash is the only shell. */
const SHELL_APPLETS = new Set(['sh', 'ash', 'hush']);

function uname(): string {
  // A POSIX-sh uname over files: the host kernel's answers must never reach a guest.
  // The shell's own read, not cat: a real uname is one process.
  return `fcd_out=
for fcd_arg in "$@"; do
  case $fcd_arg in
    -a) set -- -s -n -r -v -m -o ;;
  esac
done
[ $# -eq 0 ] && set -- -s
for fcd_arg in "$@"; do
  case $fcd_arg in
    -s) fcd_v=Linux ;;
    -o) fcd_v=GNU/Linux ;;
    -n|-r|-m|-v)
      fcd_f=/.fcd/uname$fcd_arg
      if [ ! -f "$fcd_f" ]; then echo "uname: this fake guest has no $fcd_f" >&2; exit 1; fi
      IFS= read -r fcd_v < "$fcd_f" ;;
    -p|-i) fcd_v=$(cat /.fcd/uname-m 2>/dev/null || echo unknown) ;;
    *) echo "uname: invalid option $fcd_arg" >&2; exit 1 ;;
  esac
  fcd_out="$fcd_out\${fcd_out:+ }$fcd_v"
done
printf '%s\\n' "$fcd_out"
`;
}

function script(root: string, name: string, body: string): void {
  const file = path.join(root, '.fcd/bin', name);
  writeFileSync(file, `#!/.fcd/bin/sh\n${body}`);
  chmodSync(file, 0o755);
}

/**
 * Gives a guest tree its private tools under /.fcd: a busybox whose applets
 * (linked in /.fcd/bin) do the work, the shell (busybox sh, or dash with its
 * loader and libc in /.fcd), and fake `uname`/`dmesg` reading files in /.fcd.
 * Nothing outside /.fcd is added but /dev/null, and the guest's own bin/sh (a fake ELF stub
 * in the samples) is never run: PATH is /.fcd/bin only.
 */
export function installTools(root: string, tools: FakeGuestTools): { env: string[] } {
  const fcd = path.join(root, '.fcd');
  mkdirSync(path.join(fcd, 'bin'), { recursive: true });
  const fakes: Record<string, string> = {
    uname: uname(),
    // No process more than a real dmesg: the fakes cost what the binaries they stand for do.
    dmesg: 'exec cat /.fcd/dmesg.txt\n',
    ...tools.fake,
  };
  const hide = [
    ...new Set([...MISSING_ON_OLD_GUESTS, ...(tools.hide ?? []), ...Object.keys(fakes)]),
  ];
  const busybox = patchedBusybox(hide);
  writeFileSync(path.join(fcd, 'busybox'), busybox.bin);
  chmodSync(path.join(fcd, 'busybox'), 0o755);
  const hidden = new Set(hide);
  for (const applet of appletList()) {
    if (hidden.has(applet) || applet === 'busybox') continue;
    if (tools.shell === 'dash' && SHELL_APPLETS.has(applet)) continue;
    symlinkSync('/.fcd/busybox', path.join(fcd, 'bin', applet));
  }
  // Every real guest has /dev/null (shells redirect to it); a sample tree may not.
  if (!existsSync(path.join(root, 'dev/null'))) {
    mkdirSync(path.join(root, 'dev'), { recursive: true });
    execFileSync('mknod', ['-m', '666', path.join(root, 'dev/null'), 'c', '1', '3']);
  }
  const env = ['PATH=/.fcd/bin', 'HOME=/', 'USER=root', 'LOGNAME=root'];
  if (tools.shell === 'dash') {
    const { interpreter, libraries } = sharedObjects('/usr/bin/dash');
    mkdirSync(path.join(fcd, 'lib'), { recursive: true });
    for (const lib of libraries) copyFileSync(lib, path.join(fcd, 'lib', path.basename(lib)));
    copyFileSync(interpreter, path.join(fcd, 'ld.so'));
    chmodSync(path.join(fcd, 'ld.so'), 0o755);
    writeFileSync(path.join(fcd, 'dash'), withPrivateInterpreter('/usr/bin/dash', interpreter));
    chmodSync(path.join(fcd, 'dash'), 0o755);
    symlinkSync('/.fcd/dash', path.join(fcd, 'bin', 'sh'));
    env.push('LD_LIBRARY_PATH=/.fcd/lib');
  }
  for (const [name, body] of Object.entries(fakes)) {
    const real = busybox.renamed.get(name) ?? name;
    script(root, name, `real() { /.fcd/busybox ${real} "$@"; }\n${body}`);
  }
  writeFileSync(path.join(fcd, 'dmesg.txt'), tools.dmesg ?? '');
  for (const [flag, value] of Object.entries(tools.uname ?? {})) {
    if (value !== undefined) writeFileSync(path.join(fcd, `uname-${flag}`), `${value}\n`);
  }
  return { env };
}

/** The ForceCommand of a guest: its commands run chrooted in its tree, by its own sh, with a clean environment. */
export function wrapperScript(root: string, env: readonly string[]): string {
  return `#!/bin/sh
# Fake guest ${root}: sshd runs this for every session on the guest's port.
if [ -n "$SSH_ORIGINAL_COMMAND" ]; then set -- -c "$SSH_ORIGINAL_COMMAND"; else set -- -i; fi
exec /usr/bin/env -i ${env.join(' ')} /usr/sbin/chroot '${root}' /.fcd/bin/sh "$@"
`;
}
