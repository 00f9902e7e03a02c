import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, REPO, tempDir } from './cli.js';
import type { FakeGuest, Sshd } from './sshd.js';

export const PLAYBOOK = path.join(REPO, 'ansible/fix-clock-drift.yml');

/** RHEL 3-5's OpenSSH algorithms, as the README tells administrators to enable them per host. */
export const LEGACY_SSH_ARGS =
  '-o KexAlgorithms=+diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1 -o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa -o Ciphers=+aes128-cbc,3des-cbc';

export type HostVars = Record<string, unknown>;

/** A fake guest reached by its alias in the harness's ssh_config (its port, key and known_hosts). */
export function viaConfig(guest: FakeGuest, extra: HostVars = {}): HostVars {
  return { ansible_host: guest.alias, ansible_ssh_common_args: `-F ${guest.config}`, ...extra };
}

/** A play's recap line for one host. */
export interface Recap {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export function parseRecap(stdout: string): Map<string, Recap> {
  const recap = new Map<string, Recap>();
  const at = stdout.lastIndexOf('PLAY RECAP');
  for (const line of stdout.slice(at).split('\n').slice(1)) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line);
    if (!m) continue;
    const counts = Object.fromEntries(
      [...(m[2] as string).matchAll(/(\w+)=(\d+)/g)].map((c) => [c[1], Number(c[2])]),
    );
    recap.set(m[1] as string, counts as unknown as Recap);
  }
  return recap;
}

export interface PlaybookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  recap: Map<string, Recap>;
}

/**
 * Ansible kept to a temp dir: its own ansible.cfg (ANSIBLE_CONFIG), local
 * and remote temp dirs, control-path directory and HOME, so nothing of the
 * machine's (~/.ansible, ~/.ssh) is read or written. Playbooks run the
 * built CLI on the controller.
 */
export class AnsibleSandbox {
  readonly dir = tempDir('fcd-ansible-');
  readonly controlDir = path.join(this.dir, 'cp');
  readonly env: Record<string, string>;

  /** `controlPersist`: ssh_args' ControlPersist (Ansible's default: 60s). */
  constructor(forks = 10, controlPersist?: string) {
    for (const d of ['cp', 'local', 'home']) mkdirSync(path.join(this.dir, d), { mode: 0o700 });
    const cfg = path.join(this.dir, 'ansible.cfg');
    writeFileSync(
      cfg,
      [
        '[defaults]',
        `forks = ${forks}`,
        'host_key_checking = True',
        'retry_files_enabled = False',
        'nocows = True',
        'stdout_callback = default',
        `local_tmp = ${this.dir}/local`,
        // Ansible's default (1 ms) has the controller poll its forks in a busy
        // loop: on the 2 CPUs the suite runs on, that CPU is taken from the
        // guests' sshds and the tool. 20 ms costs a task at most that.
        'internal_poll_interval = 0.02',
        '[ssh_connection]',
        `control_path_dir = ${this.controlDir}`,
        ...(controlPersist
          ? [`ssh_args = -C -o ControlMaster=auto -o ControlPersist=${controlPersist}`]
          : []),
        '',
      ].join('\n'),
    );
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: path.join(this.dir, 'home'),
      ANSIBLE_CONFIG: cfg,
      ANSIBLE_HOME: path.join(this.dir, 'home'),
      ANSIBLE_LOCAL_TEMP: path.join(this.dir, 'local'),
      // Where a module would put its files on a guest (its own /tmp, a chroot).
      // The role runs none: raw tasks on the guests, fcd_step on the controller.
      ANSIBLE_REMOTE_TEMP: '/tmp/.fcd-ansible-remote',
      ANSIBLE_SSH_CONTROL_PATH_DIR: this.controlDir,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_FORCE_COLOR: '0',
      LC_ALL: 'C.UTF-8',
      // Python would write the bytecode of the role's action plugin into the checkout.
      PYTHONDONTWRITEBYTECODE: '1',
    };
  }

  /** An inventory file (JSON, which Ansible's YAML inventory reads) of one group of hosts, in this order. */
  inventory(name: string, hosts: [string, HostVars][], vars: HostVars = {}): string {
    const file = path.join(this.dir, `${name}.json`);
    const inv = { all: { vars, hosts: Object.fromEntries(hosts) } };
    writeFileSync(file, `${JSON.stringify(inv, null, 2)}\n`);
    return file;
  }

  /** The role's variables for a test run: the built CLI, reports in `reports`. */
  static roleVars(reports: string, extra: HostVars = {}): string {
    return JSON.stringify({
      fcd_cli: [process.execPath, CLI],
      fcd_reports_dir: reports,
      ...extra,
    });
  }

  run(
    command: 'ansible-playbook' | 'ansible' | 'ansible-inventory',
    args: string[],
    timeout = 300_000,
  ): PlaybookRun {
    const r = spawnSync(command, args, {
      cwd: this.dir,
      env: this.env,
      encoding: 'utf8',
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, recap: parseRecap(r.stdout) };
  }

  playbook(inventory: string, vars: string, extra: string[] = []): PlaybookRun {
    return this.run('ansible-playbook', ['-i', inventory, PLAYBOOK, '-e', vars, ...extra]);
  }

  /** Ends the SSH masters Ansible left persisting, through their sockets (ssh -O exit). */
  closeMasters(): void {
    if (!existsSync(this.controlDir)) return;
    for (const sock of readdirSync(this.controlDir))
      spawnSync(
        'ssh',
        [
          '-F',
          '/dev/null',
          '-o',
          `ControlPath=${path.join(this.controlDir, sock)}`,
          '-O',
          'exit',
          'x',
        ],
        {
          stdio: 'ignore',
          timeout: 10_000,
        },
      );
  }
}

/**
 * Reaching a guest through a ProxyCommand, as guests behind a jump host are:
 * ssh thinks it talks to `127.0.0.1` port 22 whatever port the relay
 * connects to, so two such hosts share Ansible's default control path.
 */
export function proxyVars(sshd: Sshd, guest: FakeGuest, dir: string): HostVars {
  const relay = path.join(dir, 'relay.mjs');
  writeFileSync(
    relay,
    [
      "import net from 'node:net';",
      "const s = net.connect(Number(process.argv[2]), '127.0.0.1');",
      'process.stdin.pipe(s);',
      's.pipe(process.stdout);',
      "s.on('error', () => process.exit(1));",
      "s.on('close', () => process.exit(0));",
      '',
    ].join('\n'),
  );
  // The guest's recorded host keys, for the name ssh checks them under.
  const keys = readFileSync(guest.knownHosts, 'utf8').replace(
    /^\[127\.0\.0\.1\]:\d+ /gm,
    '127.0.0.1 ',
  );
  const knownHosts = path.join(dir, `known_hosts-proxy-${guest.alias}`);
  writeFileSync(knownHosts, keys);
  const options = [
    '-F /dev/null',
    `-o UserKnownHostsFile=${knownHosts}`,
    '-o GlobalKnownHostsFile=/dev/null',
    '-o StrictHostKeyChecking=yes',
    // The user goes to ssh, not to Ansible, which would skip become from root to root.
    '-o User=root',
    '-o IdentitiesOnly=yes',
    `-o IdentityFile=${path.join(sshd.dir, 'keys/client_rsa')}`,
    `-o ProxyCommand="${process.execPath} ${relay} ${guest.port}"`,
  ];
  return {
    ansible_host: '127.0.0.1',
    ansible_ssh_common_args: options.join(' '),
  };
}
