/** What sshd_config needs to know about one guest. */
export interface GuestPort {
  port: number;
  wrapper: string;
  refuseKey: boolean;
}

/** RHEL 3-5 era algorithms only (OpenSSH 3.6-4.3, see old-guests.md). */
export const LEGACY = {
  kex: 'diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1',
  hostKey: 'ssh-rsa',
  ciphers: 'aes128-cbc,3des-cbc',
  pubkey: 'ssh-rsa',
};

/**
 * The test sshd's own config: 127.0.0.1 only, its own host keys, pid file,
 * log and authorized_keys in the temp dir; each guest a `Match LocalPort`
 * whose ForceCommand chroots into the guest's tree. Nothing from
 * /etc/ssh is read.
 */
export function sshdConfig(opts: {
  dir: string;
  hostKeys: string[];
  authorizedKeys: string;
  guests: GuestPort[];
  legacy: boolean;
}): string {
  const lines = [
    ...opts.guests.map((g) => `ListenAddress 127.0.0.1:${g.port}`),
    ...opts.hostKeys.map((k) => `HostKey ${k}`),
    `PidFile ${opts.dir}/sshd.pid`,
    `AuthorizedKeysFile ${opts.authorizedKeys}`,
    // The temp dir is under /tmp, which StrictModes would refuse as group/world writable.
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'HostbasedAuthentication no',
    'PermitUserEnvironment no',
    'AcceptEnv none',
    'PrintMotd no',
    'PrintLastLog no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'PermitTunnel no',
    // VERBOSE logs "Connection from A port B on 127.0.0.1 port P": the tests count handshakes per guest.
    'LogLevel VERBOSE',
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'LoginGraceTime 30',
    'ClientAliveInterval 0',
    // sshd runs a ForceCommand with root's login shell: bash, which reads
    // ~/.bashrc when run by sshd as a top-level shell (SSH_SOURCE_BASHRC)
    // and takes a second or more here. A SHLVL already set says it is not.
    'SetEnv SHLVL=1',
  ];
  if (opts.legacy) {
    lines.push(
      `KexAlgorithms ${LEGACY.kex}`,
      `HostKeyAlgorithms ${LEGACY.hostKey}`,
      `Ciphers ${LEGACY.ciphers}`,
      // An old sshd cannot verify rsa-sha2-* signatures: only the SHA-1 one.
      `PubkeyAcceptedAlgorithms ${LEGACY.pubkey}`,
    );
  }
  for (const g of opts.guests) {
    lines.push(`Match LocalPort ${g.port}`, `  ForceCommand ${g.wrapper}`);
    if (g.refuseKey) lines.push('  AuthorizedKeysFile none');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A copy of sshd that never sends the EXT_INFO message, as OpenSSH before 7.2
 * (all of RHEL 3-6) never did. Without it a modern client signs with its RSA
 * key using ssh-rsa (SHA-1) when `PubkeyAcceptedAlgorithms +ssh-rsa` allows,
 * as with a real old server; sshd 9.2 would otherwise advertise rsa-sha2-512
 * there (it does not filter server-sig-algs by its PubkeyAcceptedAlgorithms),
 * and the client would use it and be refused. The server sends EXT_INFO only
 * when the client's proposal names "ext-info-c": the copy looks for a name no
 * client sends ("Xxt-info-c").
 */
export function legacySshd(source: Buffer): Buffer {
  const bin = Buffer.from(source);
  const marker = Buffer.from('\0ext-info-c\0', 'latin1');
  const at = bin.indexOf(marker);
  if (at < 0 || bin.indexOf(marker, at + 1) >= 0)
    throw new Error('sshd: the "ext-info-c" name is not there exactly once');
  // The first letter: the linker shares string tails ("-c" is this name's), never heads.
  bin.write('X', at + 1, 'latin1');
  return bin;
}
