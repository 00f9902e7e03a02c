import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A new key pair in `dir`; returns the private key's path (the public one is beside it, `.pub`). */
export function makeKey(dir: string, name: string, type: 'ed25519' | 'rsa'): string {
  const file = path.join(dir, name);
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', name, '-f', file]);
  return file;
}

/** "type base64" of a public key, as known_hosts wants it after the host name. */
export function publicKey(privateKey: string): string {
  const [type, blob] = readFileSync(`${privateKey}.pub`, 'utf8').trim().split(/\s+/);
  return `${type} ${blob}`;
}

/** A port on 127.0.0.1 nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The ssh_config stanza of one guest: its own known_hosts, strict host key checking, only the test's key. */
export function clientStanza(opts: {
  alias: string;
  port: number;
  identity: string;
  knownHosts: string;
}): string {
  return `Host ${opts.alias}
  HostName 127.0.0.1
  Port ${opts.port}
  User root
  IdentityFile ${opts.identity}
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile ${opts.knownHosts}
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  UpdateHostKeys no
  CheckHostIP no
`;
}
