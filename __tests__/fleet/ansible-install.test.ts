import {
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from '../../src/grub/cmdline.js';
import { parseGrubConfig } from '../../src/grub/model.js';
import { defaultEntry } from '../../src/grub/select.js';
import { AnsibleSandbox, viaConfig, type HostVars } from '../helpers/ansible.js';
import { runCli } from '../helpers/cli.js';
import { sampleGuest, snapshot } from '../helpers/fleet-guests.js';
import { type FakeGuest, type Sshd, startSshd } from '../helpers/sshd.js';

// The role's second and third runs, with Debian's ansible-playbook against
// fake guests behind a loopback sshd, forks 10: after a write run, an
// install (-e fcd_install=true) in check mode, one stopped by a canary whose
// grub.conf was edited after its pair was made, one that installs, its
// rerun, and a check (-e fcd_check=true) after a "reboot". One playbook run
// a scenario, in order: each starts from what the one before left.

const PLAY = 300_000;

let sshd: Sshd;
const ansible = new AnsibleSandbox(10);
const reports = path.join(ansible.dir, 'reports');
let inventory: string;

/** ntpd running, as /proc shows it to the collector. */
const PROCS = {
  'proc/1/stat': '1 (init) S 0 1 1\n',
  'proc/2861/stat': '2861 (ntpd) S 1 2861 2861\n',
};
/** In inventory order: the canary first; nopair (RHEL 5.4 x86_64 with kvm-clock) gets no pair. */
const HOSTS = ['canary', 'rhel48', 'rhel54n', 'nopair'];
const PAIRED = ['canary', 'rhel48', 'rhel54n'];
const guest = (host: string): FakeGuest => sshd.guest(host);
const grub = (host: string) => path.join(guest(host).view, 'boot/grub');
const conf = (host: string) => path.join(grub(host), 'grub.conf');
const backups = (host: string) => readdirSync(grub(host)).filter((f) => /\.bak-/.test(f));
const trees = (hosts = HOSTS) => hosts.map((h) => snapshot(guest(h).view));
const report = (file: string) => JSON.parse(readFileSync(path.join(reports, file), 'utf8'));
const vars = (extra: HostVars = {}) => AnsibleSandbox.roleVars(reports, extra);
const summary = () =>
  Object.fromEntries(
    JSON.parse(runCli(['fleet-report', reports, '--json']).stdout).guests.map(
      (g: { guest: string; outcome: string; phase: string }) => [g.guest, g.outcome],
    ),
  );

/** Each guest's grub.conf (bytes, mode, owner) and grub.conf.kvm after the write run. */
const before = new Map<string, { conf: Buffer; kvm: Buffer; mode: number; owner: string }>();

beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      sampleGuest('canary', 'rhel54n', { files: PROCS }),
      sampleGuest('rhel48', 'rhel48', { shell: 'dash' }),
      sampleGuest('rhel54n', 'rhel54n', { files: PROCS }),
      sampleGuest('nopair', 'rhel54'),
    ],
  });
  inventory = ansible.inventory(
    'install',
    HOSTS.map((h) => [h, viaConfig(guest(h), { ansible_ssh_use_tty: h !== 'rhel48' })]),
  );
}, PLAY);

afterAll(async () => {
  ansible.closeMasters();
  await sshd?.stop();
}, PLAY);

describe('install and check through the role', () => {
  it(
    'run 1 writes the pairs to review',
    () => {
      const r = ansible.playbook(inventory, vars());
      expect(r.stderr).not.toMatch(/Traceback/);
      for (const h of HOSTS) expect([h, r.recap.get(h)]).toMatchObject([h, { failed: 0 }]);
      for (const h of PAIRED) {
        const st = statSync(conf(h));
        before.set(h, {
          conf: readFileSync(conf(h)),
          kvm: readFileSync(`${conf(h)}.kvm`),
          mode: st.mode,
          owner: `${st.uid}:${st.gid}`,
        });
      }
    },
    PLAY,
  );

  it(
    'check mode verifies and changes nothing; a guest without its pair is refused',
    () => {
      const was = trees();
      const r = ansible.playbook(
        inventory,
        vars({ fcd_install: true, fcd_max_fail_percentage: 100 }),
        ['--check'],
      );
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(trees()).toEqual(was);
      for (const h of PAIRED)
        expect([h, r.recap.get(h)]).toMatchObject([h, { changed: 1, failed: 0 }]);
      expect(r.recap.get('nopair')).toMatchObject({ failed: 1 });
      expect(r.stdout).toMatch(
        /guest nopair: refusing to install: there is no nopair:\/boot\/grub\/grub\.conf\.kvm: run fix-clock-drift first/,
      );
      expect(summary()).toEqual({
        canary: 'would-install',
        rhel48: 'would-install',
        rhel54n: 'would-install',
        nopair: 'refused',
      });
    },
    PLAY,
  );

  it(
    'max_fail_percentage 0: a canary whose grub.conf was edited after its pair is refused, and no other guest is touched',
    () => {
      const edited = Buffer.concat([before.get('canary')!.conf, Buffer.from('# by hand\n')]);
      writeFileSync(conf('canary'), edited);
      const others = HOSTS.slice(1);
      const was = trees(others);
      const connections = others.map((h) => sshd.connections(guest(h).port));
      const r = ansible.playbook(inventory, vars({ fcd_install: true }));
      const after = readFileSync(conf('canary'));
      // Put back as it was when its pair was made, for the next run.
      writeFileSync(conf('canary'), before.get('canary')!.conf);
      expect(after).toEqual(edited);
      expect(r.code).not.toBe(0);
      expect(r.recap.get('canary')).toMatchObject({ failed: 1 });
      expect(r.stdout).toMatch(
        /guest canary: refusing to install: canary:\/boot\/grub\/grub\.conf changed since canary:\/boot\/grub\/grub\.conf\.kvm was made: .*first difference at line \d+: it was \(no such line: the file ends before it\), it is now .{1,3}# by hand/,
      );
      for (const h of others) expect([h, r.recap.get(h)?.ok ?? 0]).toEqual([h, 0]);
      expect(trees(others)).toEqual(was);
      expect(others.map((h) => sshd.connections(guest(h).port))).toEqual(connections);
      expect(backups('canary')).toEqual([]);
      expect(summary()).toEqual({
        canary: 'refused',
        rhel48: 'not-run',
        rhel54n: 'not-run',
        nopair: 'not-run',
      });
    },
    PLAY,
  );

  it(
    'an install replaces grub.conf on every guest with its grub.conf.kvm, after one backup of the old bytes',
    () => {
      const r = ansible.playbook(inventory, vars({ fcd_install: true, fcd_hosts: 'all:!nopair' }));
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(r.code).toBe(0);
      for (const h of PAIRED) {
        const b = before.get(h)!;
        expect([h, r.recap.get(h)]).toMatchObject([h, { changed: 1, failed: 0 }]);
        expect(readFileSync(conf(h))).toEqual(b.kvm);
        const [backup, ...more] = backups(h);
        expect([h, more]).toEqual([h, []]);
        expect(backup).toMatch(/^grub\.conf\.bak-\d{8}-\d{6}$/);
        const file = path.join(grub(h), backup!);
        expect(readFileSync(file)).toEqual(b.conf);
        const st = statSync(file);
        expect([st.mode, `${st.uid}:${st.gid}`]).toEqual([b.mode, b.owner]);
        const now = statSync(conf(h));
        expect([now.mode, `${now.uid}:${now.gid}`]).toEqual([b.mode, b.owner]);
        expect(readdirSync(grub(h)).filter((f) => /lock|tmp|\.new$|\.old$/.test(f))).toEqual([]);
        expect(report(`${h}.install.json`)).toMatchObject({
          outcome: 'installed',
          written: [`/boot/grub/${backup}`, '/boot/grub/grub.conf'],
        });
      }
      expect(summary()).toEqual({ canary: 'installed', rhel48: 'installed', rhel54n: 'installed' });
    },
    PLAY,
  );

  it(
    'a rerun of the install is ok, not changed',
    () => {
      const was = trees(PAIRED);
      const r = ansible.playbook(inventory, vars({ fcd_install: true, fcd_hosts: 'all:!nopair' }));
      expect(r.code).toBe(0);
      for (const h of PAIRED) {
        expect([h, r.recap.get(h)]).toMatchObject([h, { changed: 0, failed: 0 }]);
        expect(report(`${h}.verify.json`)).toMatchObject({ outcome: 'already-installed' });
      }
      expect(trees(PAIRED)).toEqual(was);
    },
    PLAY,
  );

  it(
    'a check after the reboot passes where the kernel has the parameters, and fails the guest where it does not',
    () => {
      for (const h of ['canary', 'rhel54n']) {
        const config = parseGrubConfig(readFileSync(conf(h), 'latin1'));
        const entry = defaultEntry(config).entry!;
        const line = parseCommandLine(config.lines[entry.linuxLine!]!.text)!;
        const args = line.args.map((a) => a.text).join(' ');
        const view = guest(h).view;
        // rhel54n booted without its lpj= (typed over at the boot prompt, say).
        const booted = h === 'rhel54n' ? args.replace(/ lpj=\d+/, '') : args;
        writeFileSync(path.join(view, 'proc/cmdline'), `${booted}\n`);
        const sysfs = path.join(view, 'sys/devices/system/clocksource/clocksource0');
        mkdirSync(sysfs, { recursive: true });
        writeFileSync(path.join(sysfs, 'current_clocksource'), 'acpi_pm\n');
        symlinkSync('../init.d/ntpd', path.join(view, 'etc/rc.d/rc3.d/S58ntpd'));
      }
      const was = trees();
      const r = ansible.playbook(inventory, vars({ fcd_check: true, fcd_hosts: 'canary:rhel54n' }));
      expect(trees()).toEqual(was);
      expect(r.recap.get('canary')).toMatchObject({ failed: 0, changed: 0 });
      expect(r.recap.get('rhel54n')).toMatchObject({ failed: 1 });
      expect(r.stdout).toMatch(
        /guest rhel54n: the check does not hold: cmdline \(fail\): the running kernel lacks lpj=\d+ of the default entry/,
      );
      expect(report('canary.check.json')).toMatchObject({ command: 'check', holds: true });
      expect(report('rhel54n.check.json')).toMatchObject({ command: 'check', holds: false });
      const table = runCli(['fleet-report', reports]).stdout;
      expect(table).toMatch(/^canary .* check-ok \(check\)/m);
      expect(table).toMatch(/^rhel54n .* check-failed \(check\): cmdline \(fail\): the running/m);
    },
    PLAY,
  );
});
