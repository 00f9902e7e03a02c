// `npm run bench:fleet`: the Ansible role (ansible/) on 20 fake guests at
// forks 10, against the test harness's loopback sshd (bundled by esbuild,
// as the SSH bench does): for a check-mode run, a write and a rerun, the
// wall time, the controller's CPU time (ansible-playbook and everything it
// waited for: its workers, the modules, the tool; not the SSH masters,
// which leave its process tree), per guest, the SSH connections each guest
// saw, and the tasks each guest ran (Ansible's recap).
//
//   node scripts/bench/fleet.mjs [--guests N] [--forks N] [--control-persist 15m]
//
// (--control-persist sets ssh_args' ControlPersist, as the role's README
// advises for large batches; Ansible's default is 60s.)
//
// Goals (issue 13): one SSH connection per guest per run, at most four
// tasks per guest. Prints a table; writes bench/results/fleet-latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestHelpers } from './bundle.mjs';
import { machineRecord } from './machine.mjs';
import { table } from './report.mjs';

const repo = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));

/** The samples the guests cycle through: three need parameters, two do not. */
const SAMPLES = ['rhel48', 'rhel54n', 'rhel53crlf', 'rhel39', 'rhel54'];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}

/** The harness and the fleet test helpers, bundled into tmp (their paths stay the repository's). */
function loadHarness(tmp) {
  return loadTestHelpers(repo, path.join(tmp, 'bench-fleet.mjs'), {
    stdin: {
      contents: [
        "export { startSshd } from './sshd.ts';",
        "export { AnsibleSandbox, viaConfig } from './ansible.ts';",
        "export { sampleGuest } from './fleet-guests.ts';",
      ].join('\n'),
      resolveDir: path.join(repo, '__tests__', 'helpers'),
      sourcefile: 'bench-fleet-entry.ts',
      loader: 'ts',
    },
  });
}

/** `times` after the run: the CPU time of the shell's children (ansible-playbook and what it waited for). */
function timedPlaybook(ansible, args) {
  const log = path.join(ansible.dir, 'playbook.log');
  const script = 'ansible-playbook "$@" > "$FCD_LOG" 2>&1; s=$?; times; exit $s';
  const start = process.hrtime.bigint();
  const r = spawnSync('sh', ['-c', script, 'sh', ...args], {
    cwd: ansible.dir,
    env: { ...ansible.env, FCD_LOG: log },
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const children = (r.stdout.trim().split('\n')[1] ?? '').split(/\s+/);
  const seconds = (t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t ?? '');
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  return {
    code: r.status,
    wall,
    cpu: seconds(children[0]) + seconds(children[1]),
    log: readFileSync(log, 'utf8'),
  };
}

/** host -> { ok, changed, skipped, failed, ... } from the last PLAY RECAP. */
function recap(log) {
  const out = new Map();
  for (const line of log.slice(log.lastIndexOf('PLAY RECAP')).split('\n').slice(1)) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line);
    if (m)
      out.set(
        m[1],
        Object.fromEntries([...m[2].matchAll(/(\w+)=(\d+)/g)].map((c) => [c[1], Number(c[2])])),
      );
  }
  return out;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main() {
  const count = Number(option('--guests', 20));
  const forks = Number(option('--forks', 10));
  const persist = option('--control-persist', undefined);
  const loadBefore = os.loadavg()[0];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fcd-bench-fleet-'));
  const { startSshd, AnsibleSandbox, viaConfig, sampleGuest } = await loadHarness(tmp);
  const names = Array.from({ length: count }, (_, i) => `g${String(i + 1).padStart(2, '0')}`);
  // sshd listens on at most 16 ports: a guest is a port, so 10 guests an sshd.
  const sshds = [];
  for (let i = 0; i < count; i += 10) {
    const guests = names
      .slice(i, i + 10)
      .map((n, k) => sampleGuest(n, SAMPLES[(i + k) % SAMPLES.length]));
    sshds.push(await startSshd({ guests }));
  }
  const guest = (n) => sshds[Math.floor(names.indexOf(n) / 10)].guest(n);
  const connections = (n) => sshds[Math.floor(names.indexOf(n) / 10)].connections(guest(n).port);
  const ansible = new AnsibleSandbox(forks, persist);
  const reports = path.join(ansible.dir, 'reports');
  const inventory = ansible.inventory(
    'bench',
    names.map((n) => [n, viaConfig(guest(n), { ansible_ssh_use_tty: false })]),
  );
  const vars = AnsibleSandbox.roleVars(reports);
  const rows = [];
  const results = [];
  try {
    for (const [run, extra] of [
      ['check mode', ['--check']],
      ['write', []],
      ['rerun', []],
    ]) {
      const before = names.map(connections);
      const r = timedPlaybook(ansible, [
        '-i',
        inventory,
        path.join(repo, 'ansible/fix-clock-drift.yml'),
        '-e',
        vars,
        ...extra,
      ]);
      // Ask every master to end: the next run starts from no connection, as a new run would.
      ansible.closeMasters();
      const conns = names.map((n, i) => connections(n) - before[i]);
      const counts = recap(r.log);
      // The first guest also runs the run's start task (once for all): leave it out of the per-guest counts.
      const per = names.slice(1).map((n) => counts.get(n) ?? {});
      const failed = names.filter((n) => (counts.get(n)?.failed ?? 1) > 0);
      const result = {
        run,
        exit: r.code,
        failed,
        wallSeconds: r.wall,
        cpuSeconds: r.cpu,
        wallPerGuestMs: (r.wall * 1000) / count,
        cpuPerGuestMs: (r.cpu * 1000) / count,
        connectionsPerGuest: { mean: mean(conns), max: Math.max(...conns) },
        tasksPerGuest: {
          ran: Math.max(...per.map((c) => c.ok ?? 0)),
          skipped: Math.max(...per.map((c) => c.skipped ?? 0)),
        },
        changed: names.filter((n) => (counts.get(n)?.changed ?? 0) > 0).length,
      };
      results.push(result);
      rows.push([
        run,
        result.wallSeconds.toFixed(1),
        result.wallPerGuestMs.toFixed(0),
        result.cpuSeconds.toFixed(1),
        result.cpuPerGuestMs.toFixed(0),
        `${result.connectionsPerGuest.mean.toFixed(2)} (max ${result.connectionsPerGuest.max})`,
        `${result.tasksPerGuest.ran} (+${result.tasksPerGuest.skipped} skipped)`,
        String(result.changed),
        failed.length ? failed.join(',') : '-',
      ]);
    }
  } finally {
    ansible.closeMasters();
    for (const sshd of sshds) await sshd.stop();
  }
  const machine = machineRecord(repo, loadBefore);
  process.stdout.write(
    `fleet bench: ${count} fake guests, forks ${forks}, ControlPersist ${persist ?? '60s'}, ${machine.cpu.count} CPUs (${machine.cpu.model}), load ${loadBefore.toFixed(1)} before, ${machine.loadAverage.after.toFixed(1)} after\n\n`,
  );
  process.stdout.write(
    `${table(['run', 'wall s', 'wall/guest ms', 'CPU s', 'CPU/guest ms', 'SSH conns/guest', 'tasks/guest', 'changed', 'failed'], rows)}\n`,
  );
  const worst = Math.max(...results.map((r) => r.connectionsPerGuest.max));
  const tasks = Math.max(...results.map((r) => r.tasksPerGuest.ran));
  process.stdout.write(
    `\ngoals: one SSH connection per guest per run: ${worst <= 1 ? 'met' : `missed (max ${worst})`}; at most four tasks per guest: ${tasks <= 4 ? 'met' : `missed (${tasks})`}\n`,
  );
  const dir = path.join(repo, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'fleet-latest.json'),
    `${JSON.stringify({ ...machine, guests: count, forks, results }, null, 2)}\n`,
  );
  rmSync(tmp, { recursive: true, force: true });
  rmSync(ansible.dir, { recursive: true, force: true });
}

await main();
