import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fse from 'fs-extra';
import { SAMPLES, tempDir } from './cli.js';
import { type FakeGuestTools, installTools, wrapperScript } from './fake-guest.js';
import { type GuestPort, legacySshd, sshdConfig } from './sshd-config.js';
import { clientStanza, freePort, makeKey, publicKey } from './ssh-keys.js';
import { alive, descendantProcs, descendants, killSame, waitFor } from './processes.js';
import { type GuestMounts, guestMounts } from './guest-mounts.js';

export interface GuestSpec extends Partial<FakeGuestTools> {
  alias: string;
  /** Start from a copy of samples/<sample> ... */
  sample?: string;
  /** ... or from a tree the test built (used in place). Neither: an empty tree. */
  root?: string;
  /** Files written into the tree (paths relative to its root), after the copy. */
  files?: Record<string, string | Buffer>;
  /** 'refuse': sshd accepts no key for this guest (authentication refused). */
  auth?: 'accept' | 'refuse';
  /** 'changed': known_hosts records another key; 'unknown': no key at all. */
  hostKey?: 'known' | 'changed' | 'unknown';
  /** No sshd listens on this guest's port. */
  unreachable?: boolean;
}

export interface FakeGuest extends GuestMounts {
  alias: string;
  port: number;
  /** ssh_config holding every guest's Host stanza. */
  config: string;
  /** `ssh -F <config>`: what --ssh-command would be. */
  sshCommand: string;
  knownHosts: string;
  /** The guest's tree on this machine. */
  root: string;
  /** The same tree as sshd's sessions see it (through test-only mounts): read results here. */
  view: string;
}

export interface Sshd {
  pid: number;
  dir: string;
  config: string;
  /** Whether sshd runs in its own mount namespace (test mounts need it). */
  namespaced: boolean;
  guest(alias: string): FakeGuest;
  log(): string;
  /** TCP connections sshd accepted on a guest's port (handshakes begun). */
  connections(port: number): number;
  /** The per-connection sshd processes (children of the listener). */
  connectionPids(): number[];
  stop(): Promise<void>;
}

/** Whether this process may make a mount namespace (root with CAP_SYS_ADMIN, as here and in CI). */
function canUnshare(): boolean {
  return spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;
}

function buildGuest(dir: string, spec: GuestSpec): string {
  let root = spec.root;
  if (!root) {
    root = path.join(dir, 'guests', spec.alias);
    mkdirSync(root, { recursive: true });
    if (spec.sample) fse.copySync(path.join(SAMPLES, spec.sample), root);
  }
  for (const [rel, data] of Object.entries(spec.files ?? {})) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  return root;
}

interface Prepared {
  config: string;
  ports: Map<string, number>;
  roots: Map<string, string>;
}

async function prepare(dir: string, guests: GuestSpec[], legacy: boolean): Promise<Prepared> {
  const keys = path.join(dir, 'keys');
  mkdirSync(keys, { recursive: true });
  const hostKeys = legacy
    ? [makeKey(keys, 'host_rsa', 'rsa')]
    : [makeKey(keys, 'host_ed25519', 'ed25519'), makeKey(keys, 'host_rsa', 'rsa')];
  // RSA: the one key type both a modern and a legacy-only sshd accept.
  const client = makeKey(keys, 'client_rsa', 'rsa');
  const other = makeKey(keys, 'other_ed25519', 'ed25519');
  writeFileSync(path.join(dir, 'authorized_keys'), `${publicKey(client)}\n`);
  const ports = new Map<string, number>();
  const roots = new Map<string, string>();
  const listening: GuestPort[] = [];
  let clientConfig = '';
  for (const spec of guests) {
    const port = await freePort();
    ports.set(spec.alias, port);
    const root = buildGuest(dir, spec);
    roots.set(spec.alias, root);
    const { env } = installTools(root, {
      shell: 'busybox',
      ...spec,
      uname: { n: spec.alias, ...spec.uname },
    });
    const wrapper = path.join(dir, `guest-${spec.alias}.sh`);
    writeFileSync(wrapper, wrapperScript(root, env));
    chmodSync(wrapper, 0o755);
    if (!spec.unreachable) listening.push({ port, wrapper, refuseKey: spec.auth === 'refuse' });
    const knownHosts = path.join(dir, `known_hosts-${spec.alias}`);
    const recorded =
      spec.hostKey === 'changed' ? [other] : spec.hostKey === 'unknown' ? [] : hostKeys;
    writeFileSync(
      knownHosts,
      recorded.map((k) => `[127.0.0.1]:${port} ${publicKey(k)}\n`).join(''),
    );
    clientConfig += clientStanza({ alias: spec.alias, port, identity: client, knownHosts });
  }
  writeFileSync(path.join(dir, 'ssh_config'), clientConfig);
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    sshdConfig({
      dir,
      hostKeys,
      authorizedKeys: path.join(dir, 'authorized_keys'),
      guests: listening,
      legacy,
    }),
  );
  return { config, ports, roots };
}

// Jest runs many test files in one worker: one exit hook for all of them.
const KEY = Symbol.for('fcd-test.sshds');
const holder = globalThis as typeof globalThis & { [KEY]?: Set<ChildProcess> };
const running: Set<ChildProcess> = (holder[KEY] ??= (() => {
  const set = new Set<ChildProcess>();
  // A test run that ends without stop() (a crash) still takes its sshds down.
  process.once('exit', () => {
    for (const child of set) {
      if (!child.pid) continue;
      const tree = descendantProcs(child.pid);
      kill(child.pid, 'SIGKILL');
      for (const p of tree) killSame(p, 'SIGKILL');
    }
  });
  return set;
})());

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts one sshd on 127.0.0.1 for a test file, with fake guests behind it
 * (see fake-guest.ts). It runs in a private mount namespace when this process
 * may make one (`unshare -m`: root with CAP_SYS_ADMIN, as here and in CI), so
 * the mounts tests add (a read-only or full /boot) are seen only by the
 * guests' sessions and vanish with sshd. Stop it with stop().
 */
export async function startSshd(opts: { guests: GuestSpec[]; legacy?: boolean }): Promise<Sshd> {
  const dir = tempDir('fcd-sshd-');
  const prepared = await prepare(dir, opts.guests, opts.legacy ?? false);
  // sshd refuses to start without its privilege-separation directory; Debian
  // creates it only when the ssh service starts. Creating it is harmless.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const logFile = path.join(dir, 'sshd.log');
  let binary = '/usr/sbin/sshd';
  if (opts.legacy) {
    // An absolute path: sshd re-executes itself for every connection.
    binary = path.join(dir, 'sshd-legacy');
    writeFileSync(binary, legacySshd(readFileSync('/usr/sbin/sshd')), { mode: 0o755 });
  }
  const sshd = [binary, '-D', '-f', prepared.config, '-E', logFile];
  const namespaced = canUnshare();
  const [cmd, ...args] = namespaced ? ['unshare', '-m', '--propagation', 'private', ...sshd] : sshd;
  // unshare execs sshd: the child's pid is sshd's.
  const child = spawn(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  child.on('exit', () => {
    exited = true;
    running.delete(child);
  });
  const pidFile = path.join(dir, 'sshd.pid');
  await waitFor(() => exited || existsSync(pidFile), 10_000, 'sshd to start');
  if (exited) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    throw new Error(`sshd did not start: ${stderr}${log}`);
  }
  const pid = child.pid!;
  const view = (root: string) => (namespaced ? `/proc/${pid}/root${root}` : root);

  const guests = new Map<string, FakeGuest>();
  for (const spec of opts.guests) {
    const root = prepared.roots.get(spec.alias)!;
    const config = path.join(dir, 'ssh_config');
    guests.set(spec.alias, {
      alias: spec.alias,
      port: prepared.ports.get(spec.alias)!,
      config,
      sshCommand: `ssh -F ${config}`,
      knownHosts: path.join(dir, `known_hosts-${spec.alias}`),
      root,
      view: view(root),
      ...guestMounts(namespaced ? pid : undefined, root, dir),
    });
  }
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  return {
    pid,
    dir,
    config: path.join(dir, 'ssh_config'),
    namespaced,
    guest(alias) {
      const g = guests.get(alias);
      if (!g) throw new Error(`no fake guest ${alias}`);
      return g;
    },
    log,
    connections(port) {
      const re = new RegExp(
        `^.*Connection from \\S+ port \\d+ on 127\\.0\\.0\\.1 port ${port}\\b`,
        'gm',
      );
      return log().match(re)?.length ?? 0;
    },
    connectionPids() {
      return descendants(pid, 1);
    },
    async stop() {
      // sshd's per-connection children outlive the listener: end the whole tree it started.
      const tree = descendantProcs(pid);
      if (!exited) kill(pid, 'SIGTERM');
      for (const p of tree) killSame(p, 'SIGTERM');
      await waitFor(() => exited && !tree.some(alive), 5000, 'sshd to stop').catch(() => {
        kill(pid, 'SIGKILL');
        for (const p of tree) killSame(p, 'SIGKILL');
      });
      await waitFor(() => exited, 5000, 'sshd to be killed');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
