import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fse from 'fs-extra';
import {
  AnsibleSandbox,
  LEGACY_SSH_ARGS,
  proxyVars,
  viaConfig,
  type HostVars,
} from '../helpers/ansible.js';
import { applyWithPatch, runCli, SAMPLES, tempDir } from '../helpers/cli.js';
import { SUDO_1_6_7, UNBALANCED_LINE, sampleGuest, snapshot } from '../helpers/fleet-guests.js';
import { type FakeGuest, type Sshd, startSshd } from '../helpers/sshd.js';

// The role and its playbook, run by Debian's ansible-playbook against fake
// guests behind two loopback sshds (one offering only RHEL 3-5 era
// algorithms), forks 10: a canary stopped by max_fail_percentage, check
// mode, a write, a rerun, and fleet-report on what the runs saved. Among the
// guests: two inventory aliases of one address (rhel48 and rhel54n, both
// 127.0.0.1 through a jump), become with RHEL 3/4's sudo (rhel48), ssh -tt
// and not, busybox and dash, an unbalanced quote, a number among a guest's
// flags (rhel39), and one unreachable.

/** A playbook run on this machine kind takes tens of seconds. */
const PLAY = 300_000;

let sshd: Sshd;
let legacy: Sshd;
const ansible = new AnsibleSandbox(10);
const reports = path.join(ansible.dir, 'reports');
let inventory: string;

const quotesConf = readFileSync(
  path.join(SAMPLES, 'rhel5.4-i686-nokvmclock/boot/grub/grub.conf'),
  'latin1',
).replace(UNBALANCED_LINE.from, UNBALANCED_LINE.to);

/** Each inventory host's guest, by the sshd it is behind and its alias there. */
const GUEST_OF: Record<string, [() => Sshd, string]> = {
  rhel39: [() => sshd, 'rhel39'],
  rhel48: [() => sshd, 'rhel48'],
  rhel54n: [() => sshd, 'rhel54n'],
  rhel54: [() => sshd, 'rhel54'],
  quotes: [() => sshd, 'quotes'],
  legacy53: [() => legacy, 'legacy53'],
};
const REACHABLE = Object.keys(GUEST_OF);
/** The guests whose rules ask for parameters (RHEL 3.9, and 5.4 x86_64 with kvm-clock, need none). */
const WRITTEN = ['rhel48', 'rhel54n', 'quotes', 'legacy53'];
const guestOf = (host: string): FakeGuest => GUEST_OF[host]![0]().guest(GUEST_OF[host]![1]);
/** What --root writes on a copy of each guest's tree taken before any run. */
const expected = new Map<string, string>();

/** The hosts, in inventory order: the unreachable one first, for the canary run. */
function hosts(): [string, HostVars][] {
  const tty = { ansible_ssh_use_tty: true };
  const noTty = { ansible_ssh_use_tty: false };
  return [
    ['down', viaConfig(sshd.guest('down'), noTty)],
    // A number among its flags, as an inventory's YAML gives it (the tool gets the word "0").
    ['rhel39', viaConfig(guestOf('rhel39'), { ...noTty, fcd_flags: ['--entries', 0] })],
    // Logs in, then becomes root with the flags RHEL 3/4's sudo takes.
    [
      'rhel48',
      {
        ...proxyVars(sshd, guestOf('rhel48'), ansible.dir),
        ...tty,
        ansible_become: true,
        ansible_become_flags: '-H -S',
      },
    ],
    ['rhel54n', { ...proxyVars(sshd, guestOf('rhel54n'), ansible.dir), ...tty }],
    ['rhel54', viaConfig(guestOf('rhel54'), noTty)],
    ['quotes', viaConfig(guestOf('quotes'), tty)],
    [
      'legacy53',
      {
        ...viaConfig(guestOf('legacy53'), noTty),
        ansible_ssh_common_args: `-F ${legacy.config} ${LEGACY_SSH_ARGS}`,
      },
    ],
  ];
}

beforeAll(async () => {
  sshd = await startSshd({
    guests: [
      { alias: 'down', unreachable: true },
      sampleGuest('rhel39', 'rhel39'),
      sampleGuest('rhel48', 'rhel48', { shell: 'dash', fake: { sudo: SUDO_1_6_7 } }),
      sampleGuest('rhel54n', 'rhel54n'),
      sampleGuest('rhel54', 'rhel54'),
      sampleGuest('quotes', 'rhel54n', {
        files: { 'boot/grub/grub.conf': Buffer.from(quotesConf, 'latin1') },
      }),
    ],
  });
  legacy = await startSshd({ legacy: true, guests: [sampleGuest('legacy53', 'rhel53crlf')] });
  for (const host of REACHABLE) {
    const copy = path.join(tempDir('fcd-fleet-root-'), host);
    fse.copySync(guestOf(host).root, copy, { filter: (p) => !/\/\.fcd(\/|$)/.test(p) });
    expect(runCli(['--root', copy, '--yes', '--json']).code).toBe(0);
    expected.set(host, path.join(copy, 'boot/grub'));
  }
  inventory = ansible.inventory('fleet', hosts());
}, PLAY);

afterAll(async () => {
  ansible.closeMasters();
  await sshd?.stop();
  await legacy?.stop();
}, PLAY);

const vars = (extra: HostVars = {}) => AnsibleSandbox.roleVars(reports, extra);
const report = (file: string) => JSON.parse(readFileSync(path.join(reports, file), 'utf8'));
const saved = (file: string) => readFileSync(path.join(reports, file), 'latin1');
const grub = (host: string) => path.join(guestOf(host).view, 'boot/grub');
const pairs = (host: string) => readdirSync(grub(host)).filter((f) => /\.kvm|lock|tmp/.test(f));
const trees = () => REACHABLE.map((h) => snapshot(guestOf(h).view));
const connections = () => REACHABLE.map((h) => GUEST_OF[h]![0]().connections(guestOf(h).port));

describe('the role on a fleet of fake guests', () => {
  it(
    'max_fail_percentage 0 with a failing first guest: no other guest is touched',
    () => {
      const before = connections();
      const r = ansible.playbook(inventory, vars({ fcd_serial: 1, fcd_max_fail_percentage: 0 }));
      expect(r.code).not.toBe(0);
      expect(r.recap.get('down')).toMatchObject({ failed: 1 });
      for (const host of REACHABLE) expect(r.recap.get(host)?.ok ?? 0).toBe(0);
      expect(connections()).toEqual(before);
      for (const host of REACHABLE) expect(pairs(host)).toEqual([]);
      expect(report('down.collect.json')).toMatchObject({ outcome: 'unreachable' });
      // The summary still names every guest: those never reached as not run.
      const summary = JSON.parse(runCli(['fleet-report', reports, '--json']).stdout);
      expect(
        summary.guests.map((g: { guest: string; outcome: string }) => [g.guest, g.outcome]),
      ).toEqual(
        ['down', ...REACHABLE].sort().map((g) => [g, g === 'down' ? 'unreachable' : 'not-run']),
      );
    },
    PLAY,
  );

  it(
    'check mode collects and decides, and writes nothing on any guest',
    () => {
      const before = trees();
      const r = ansible.playbook(inventory, vars(), ['--check']);
      expect(r.stderr).not.toMatch(/Traceback/);
      expect(trees()).toEqual(before);
      for (const host of REACHABLE) {
        expect([host, r.recap.get(host)]).toMatchObject([host, { failed: 0, unreachable: 0 }]);
        // "changed" in check mode: the guest would get its pair.
        expect([host, r.recap.get(host)!.changed]).toEqual([host, WRITTEN.includes(host) ? 1 : 0]);
        expect(existsSync(path.join(reports, `${host}.write.json`))).toBe(false);
      }
      expect(r.recap.get('down')).toMatchObject({ failed: 1 });
      expect(report('rhel48.decide.json')).toMatchObject({
        outcome: 'script',
        params: ['clock=pmtmr'],
      });
    },
    PLAY,
  );

  it(
    'a write puts on each guest what --root writes from the same files',
    () => {
      const r = ansible.playbook(inventory, vars());
      expect(r.stderr).not.toMatch(/Traceback/);
      for (const host of REACHABLE) {
        const dir = grub(host);
        expect([host, r.recap.get(host)]).toMatchObject([host, { failed: 0, unreachable: 0 }]);
        if (!WRITTEN.includes(host)) {
          expect([host, pairs(host)]).toEqual([host, []]);
          expect(existsSync(path.join(expected.get(host)!, 'grub.conf.kvm'))).toBe(false);
          continue;
        }
        expect([host, r.recap.get(host)!.changed]).toEqual([host, 1]);
        expect([host, pairs(host)]).toEqual([host, ['grub.conf.kvm', 'grub.conf.kvm.diff']]);
        expect(readFileSync(path.join(dir, 'grub.conf.kvm'))).toEqual(
          readFileSync(path.join(expected.get(host)!, 'grub.conf.kvm')),
        );
        expect(
          applyWithPatch(path.join(dir, 'grub.conf'), path.join(dir, 'grub.conf.kvm.diff')),
        ).toEqual(readFileSync(path.join(dir, 'grub.conf.kvm')));
        const conf = statSync(path.join(dir, 'grub.conf'));
        const kvm = statSync(path.join(dir, 'grub.conf.kvm'));
        expect([kvm.mode, kvm.uid, kvm.gid]).toEqual([conf.mode, conf.uid, conf.gid]);
        expect(report(`${host}.write.json`)).toMatchObject({ outcome: 'written' });
      }
      expect(report('quotes.decide.json').warnings).toEqual([
        'entry 0 left alone: unbalanced " in its arguments: added parameters would end up inside the quote',
      ]);
      // Two aliases of one address (127.0.0.1, port 22 as ssh sees it, root): each its own facts.
      expect(report('rhel48.decide.json')).toMatchObject({ facts: { release: '4.8' } });
      expect(report('rhel54n.decide.json')).toMatchObject({ facts: { release: '5.4' } });
      // Under ssh -tt (Ansible's default) the output came with CRLFs, and was read all the same.
      expect(saved('rhel48.facts')).toContain('\r\n');
      expect(saved('rhel39.facts')).not.toContain('\r');
      // rhel48 became root through RHEL 3/4's sudo, with the flags it takes.
      const sudo = readFileSync(path.join(guestOf('rhel48').view, '.fcd/sudo.log'), 'utf8');
      // (collect in check mode, then collect and write)
      expect(sudo).toBe('sudo: -H -S -u root /bin/sh\n'.repeat(3));
    },
    PLAY,
  );

  it(
    'a rerun changes nothing: every guest is ok, its pair current',
    () => {
      const before = trees();
      const r = ansible.playbook(inventory, vars());
      for (const host of REACHABLE)
        expect([host, r.recap.get(host)]).toMatchObject([host, { changed: 0, failed: 0 }]);
      expect(trees()).toEqual(before);
      for (const host of WRITTEN) expect(report(`${host}.decide.json`).outcome).toBe('current');
    },
    PLAY,
  );

  it('fleet-report lists every guest of the run', () => {
    const r = runCli(['fleet-report', reports]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^down +\? +\? +\? +- +unreachable \(collect\): guest down is unreachable: /m,
    );
    expect(r.stdout).toMatch(/^rhel39 +3\.9 +x86 +no +- +no-params \(decide\)/m);
    expect(r.stdout).toMatch(/^rhel48 +4\.8 +x86 +no +clock=pmtmr +current \(decide\)/m);
    expect(r.stdout).toMatch(/^rhel54 +5\.4 +x86_64 +yes +- +no-params \(decide\)/m);
    expect(r.stdout).toMatch(/^rhel54n +5\.4 +x86 +no +clocksource=acpi_pm lpj=2394132 +current/m);
    expect(r.stdout).toMatch(
      /^quotes +5\.4 +x86 +no +clocksource=acpi_pm lpj=2394132 +current .* 1: entry 0 left alone/m,
    );
    expect(r.stdout).toMatch(/^legacy53 +5\.3 +x86 +no +clocksource=acpi_pm +current \(decide\)/m);
    expect(r.stdout).toContain('7 guests: 1 unreachable, 4 current, 2 no-params');
  });

  it(
    "the traps the role avoids are real here: a shared default control path, sudo 1.6.7's missing -n",
    () => {
      // Without the role's per-host control path, the second alias gets the first one's session.
      const adhoc = ansible.run('ansible', [
        '-i',
        inventory,
        'rhel48:rhel54n',
        '-f',
        '1',
        '-m',
        'raw',
        '-a',
        'uname -n',
      ]);
      expect(adhoc.stdout).toMatch(/^rhel48 \| CHANGED \| rc=0 >>\nrhel48\b/m);
      expect(adhoc.stdout).toMatch(/^rhel54n \| CHANGED \| rc=0 >>\nrhel48\b/m);
      // Ansible's default become flags end in -n, which RHEL 3/4's sudo refuses.
      const flags = JSON.stringify({ ansible_become_flags: '-H -S -n' });
      const sudo = ansible.run('ansible', [
        '-i',
        inventory,
        'rhel48',
        '-m',
        'raw',
        '-a',
        'true',
        '-e',
        flags,
      ]);
      expect(sudo.code).not.toBe(0);
      expect(sudo.stdout).toMatch(/sudo: illegal option `-n'/);
    },
    PLAY,
  );
});
