import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

type KeyType = 'ed25519' | 'rsa';

function generateKey(file: string, type: KeyType): void {
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-C', 'fcd-test', '-f', file]);
}

/**
 * The run's key pair of this name, made by the first sshd that asks for it
 * (global-setup.mjs gives the run a directory for them): an RSA key costs
 * ssh-keygen a few hundred milliseconds of CPU, and about twenty sshds
 * wanted three each. Made beside and linked into place, so two workers
 * asking at once both end with the same complete pair.
 */
function sharedKey(dir: string, name: string, type: KeyType): string {
  const file = path.join(dir, `${name}-${type}`);
  if (existsSync(`${file}.pub`)) return file;
  const draft = `${file}.${process.pid}`;
  rmSync(draft, { force: true });
  rmSync(`${draft}.pub`, { force: true });
  generateKey(draft, type);
  try {
    linkSync(draft, file);
    linkSync(`${draft}.pub`, `${file}.pub`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Another worker's pair won: wait for its public half, linked just after.
    while (!existsSync(`${file}.pub`))
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  rmSync(draft, { force: true });
  rmSync(`${draft}.pub`, { force: true });
  return file;
}

/** A key pair in `dir`; returns the private key's path (the public one is beside it, `.pub`). */
export function makeKey(dir: string, name: string, type: KeyType): string {
  const file = path.join(dir, name);
  const shared = process.env.FCD_TEST_KEYS;
  if (!shared) {
    generateKey(file, type);
    return file;
  }
  const source = sharedKey(shared, name, type);
  for (const [suffix, mode] of [
    ['', 0o600],
    ['.pub', 0o644],
  ] as const) {
    copyFileSync(source + suffix, file + suffix);
    chmodSync(file + suffix, mode);
  }
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
