import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';

/**
 * Whether ssh's stderr says the connection itself failed: an exit status of
 * 255 is also a remote command's own, and is ssh's only then (or when the
 * master is gone).
 */
export function sshSaidFailure(stderr: string): boolean {
  return /^(mux_client|Control socket|Connection to \S+ closed|ssh:|client_loop:)/m.test(stderr);
}

/** How long a silent 255 waits for the master to exit before it is taken as the remote command's own status. */
export const MASTER_EXIT_MS = 2000;

/**
 * Whether an exit status of 255 from a client of the master is ssh's own
 * (the connection failed) rather than the remote command's: ssh said so, or
 * the master is gone, now or within `waitMs`. The wait is there because a
 * client told by its master that the link is gone exits 255 without a word,
 * and may do so before the master itself has exited.
 */
export async function sshOwn255(
  stderr: string,
  masterGone: () => boolean,
  waitMs = MASTER_EXIT_MS,
): Promise<boolean> {
  if (sshSaidFailure(stderr)) return true;
  for (let waited = 0; ; waited += 20) {
    if (masterGone()) return true;
    if (waited >= waitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lines of ssh's stderr that say something (its banners and warnings about known_hosts aside). */
export function sshLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !/^@+$/.test(l) &&
        !/^Warning: Permanently added/.test(l) &&
        !/^Pseudo-terminal will not be allocated/.test(l),
    );
}

function firstOf(stderr: string): string {
  return printable(sshLines(stderr)[0] ?? 'ssh failed without saying why');
}

const UNREACHABLE: [RegExp, string][] = [
  [
    /refused/i,
    'the connection was refused: check that the guest is up, that its sshd runs, and the port',
  ],
  [
    /timed out/i,
    'no answer (timed out): check that the guest is up and reachable from here (address, firewall)',
  ],
  [/no route|unreachable/i, 'no route to it: check its address and the network'],
];

/**
 * What ssh's stderr says about a connection that could not be made (ssh
 * exited 255), as one line naming the guest and what to do. Host key
 * checking is never offered as something to turn off.
 */
export function connectFailure(target: string, stderr: string, interactive: boolean): ToolError {
  const guest = `guest ${printable(target)}`;
  let m = /Could not resolve hostname ([^:]+): (.*)/.exec(stderr);
  if (m) {
    return new ToolError(
      `cannot reach ${guest}: no such host (${printable(m[2] ?? '')}); check the name in --ssh, or give its address`,
    );
  }
  m = /connect to host (\S+) port (\d+): (.*)/.exec(stderr);
  if (m) {
    const reason = m[3] ?? '';
    const what = UNREACHABLE.find(([re]) => re.test(reason))?.[1] ?? `${printable(reason)}`;
    return new ToolError(`cannot reach ${guest} (${m[1]} port ${m[2]}): ${what}`);
  }
  if (/Connection timed out during banner exchange|banner exchange: .*timed out/i.test(stderr)) {
    return new ToolError(
      `cannot reach ${guest}: it accepted the connection but its sshd did not answer in time; check the guest (load, sshd) and try again`,
    );
  }
  m = /Offending \S+ key in (\S+):(\d+)/.exec(stderr);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/.test(stderr)) {
    const where = m ? ` (recorded in ${printable(m[1] ?? '')} line ${m[2]})` : '';
    const host = /-R "?([^"\s]+)"?/.exec(stderr)?.[1];
    const fix = host
      ? `ssh-keygen -R '${printable(host)}'${m ? ` -f '${printable(m[1] ?? '')}'` : ''}`
      : 'ssh-keygen -R HOST';
    return new ToolError(
      `the host key of ${guest} has changed${where}: this is an attack or a reinstalled guest; compare the new key with the guest's own (on its console: ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub), and only if they match remove the old entry (${fix}) and record the new one`,
    );
  }
  m = /No (\S+) host key is known for (\S+) and you have requested strict checking/.exec(stderr);
  if (m) {
    return new ToolError(
      `the host key of ${guest} is not known here and ssh checks host keys strictly: connect once with ssh from a terminal and accept the key only after comparing its fingerprint with the guest's own (on its console: ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub)`,
    );
  }
  if (/Host key verification failed/.test(stderr)) {
    return new ToolError(
      `the host key of ${guest} could not be verified (${firstOf(stderr)}): check its entry in your known_hosts against the guest's own key`,
    );
  }
  m = /Permission denied \(([^)]*)\)/.exec(stderr);
  if (m || /Too many authentication failures/.test(stderr)) {
    const methods = m?.[1] ?? '';
    const user = /^(\S+)@\S+: Permission denied/m.exec(stderr)?.[1];
    const password = /password|keyboard-interactive/.test(methods) && !interactive;
    return new ToolError(
      `${guest} refused authentication${user ? ` as ${printable(user)}` : ''}${methods ? ` (it accepts: ${printable(methods)})` : ''}: check that your public key is in that user's ~/.ssh/authorized_keys on the guest and that ssh finds the private key (ssh-add, IdentityFile)${password ? '; a password can only be typed in an interactive run, not with --yes or without a terminal' : ''}`,
    );
  }
  if (/Connection (closed|reset) by|kex_exchange_identification|Broken pipe/.test(stderr)) {
    return new ToolError(
      `${guest} closed the connection before it was set up (${firstOf(stderr)}): check its sshd (its log, MaxStartups, hosts.allow/hosts.deny)`,
    );
  }
  if (
    /Bad configuration option|Can't open user config file|Bad owner or permissions|configuration file/i.test(
      stderr,
    )
  ) {
    return new ToolError(`ssh cannot use its configuration for ${guest}: ${firstOf(stderr)}`);
  }
  return new ToolError(`cannot connect to ${guest}: ${firstOf(stderr)}`);
}
