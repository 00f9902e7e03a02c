import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch } from '../helpers/cli.js';
import { type GuestShell } from '../helpers/fake-guest.js';
import { type Sshd, startSshd } from '../helpers/sshd.js';
import {
  LINUX_SAMPLES,
  ODD,
  decisions,
  modeOwner,
  oddGrubConf,
  pathsOf,
  rootRun,
  sampleGuest,
  treeListing,
  type Report,
} from './helpers.js';
import { removeScratch, scratch, sshRun } from './ssh-run.js';

/**
 * Every Linux sample as a live guest behind a loopback sshd (busybox its
 * only shell; two of them again with dash), its grub.conf at an odd owner
 * and mode: a whole `--ssh --yes` run over one connection decides what
 * --root decides on the same files, writes the same bytes beside grub.conf
 * on the guest with grub.conf's mode and owner, changes nothing else there,
 * and leaves no ssh process or control directory behind.
 */

const CASES: { alias: string; sample: string; shell: GuestShell }[] = [
  ...LINUX_SAMPLES.map((sample) => ({ alias: `bb-${sample}`, sample, shell: 'busybox' as const })),
  { alias: 'dash-rhel3.9-i686', sample: 'rhel3.9-i686', shell: 'dash' },
  { alias: 'dash-rhel5.3-i686-crlf', sample: 'rhel5.3-i686-crlf', shell: 'dash' },
  { alias: 'local-out', sample: 'rhel4.8-i686', shell: 'busybox' },
  { alias: 'dry', sample: 'rhel5.4-i686-nokvmclock', shell: 'dash' },
];

let sshd: Sshd;
beforeAll(async () => {
  sshd = await startSshd({
    guests: await Promise.all(CASES.map((c) => sampleGuest(c.alias, c.sample, c.shell))),
  });
  for (const c of CASES) oddGrubConf(sshd.guest(c.alias).root);
}, 60_000);
afterAll(async () => {
  await sshd?.stop();
  removeScratch();
});

describe.each(CASES.slice(0, -2))('$alias ($shell)', ({ alias, sample }) => {
  test('--ssh --yes equals --root on the same files, and adds only the pair on the guest', () => {
    const guest = sshd.guest(alias);
    const before = treeListing(guest.view);
    const r = sshRun(sshd, alias, ['--yes', '--json']);
    const local = rootRun(sample);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(local.r.code);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.input).toBe(`${alias}:/boot/grub/grub.conf`);
    expect(decisions(report, `${alias}:`)).toEqual(decisions(local.report, local.root));
    const after = treeListing(guest.view);
    if (local.report.outcome !== 'written') {
      expect(report.outcome).toBe(local.report.outcome);
      expect(after).toEqual(before);
      return;
    }
    expect(report).toMatchObject({
      outcome: 'written',
      output: '/boot/grub/grub.conf.kvm',
      diff: '/boot/grub/grub.conf.kvm.diff',
    });
    // Only the two files are new; everything else (grub.conf too) is as it was, to the mtime.
    const added = ['boot/grub/grub.conf.kvm', 'boot/grub/grub.conf.kvm.diff'];
    expect(after.filter((l) => !added.includes(pathsOf([l])[0]!))).toEqual(before);
    expect(pathsOf(after).filter((p) => !pathsOf(before).includes(p))).toEqual(added);

    const grub = path.join(guest.view, 'boot/grub');
    const kvm = readFileSync(path.join(grub, 'grub.conf.kvm'));
    expect(kvm).toEqual(readFileSync(path.join(local.grub, 'grub.conf.kvm')));
    const diff = readFileSync(path.join(grub, 'grub.conf.kvm.diff'), 'latin1');
    const localDiff = readFileSync(path.join(local.grub, 'grub.conf.kvm.diff'), 'latin1');
    expect(diff).toBe(localDiff.split(local.root).join(''));
    expect(
      applyWithPatch(path.join(grub, 'grub.conf'), path.join(grub, 'grub.conf.kvm.diff')),
    ).toEqual(kvm);
    const odd = `${ODD.mode.toString(8)} ${ODD.uid}:${ODD.gid}`;
    expect(modeOwner(path.join(grub, 'grub.conf'))).toBe(odd);
    expect(modeOwner(path.join(grub, 'grub.conf.kvm'))).toBe(odd);
    expect(modeOwner(path.join(grub, 'grub.conf.kvm.diff'))).toBe(odd);
  });
});

test('--output and --diff write the pair here and nothing on the guest', () => {
  const guest = sshd.guest('local-out');
  const before = treeListing(guest.view);
  const work = scratch();
  const r = sshRun(sshd, 'local-out', ['--yes', '--output', 'x.kvm', '--diff', 'x.diff'], {
    cwd: work,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Wrote x.kvm and x.diff');
  expect(treeListing(guest.view)).toEqual(before);
  const local = rootRun('rhel4.8-i686');
  expect(readFileSync(path.join(work, 'x.kvm'))).toEqual(
    readFileSync(path.join(local.grub, 'grub.conf.kvm')),
  );
  expect(applyWithPatch(path.join(local.grub, 'grub.conf'), path.join(work, 'x.diff'))).toEqual(
    readFileSync(path.join(work, 'x.kvm')),
  );
  expect(readdirSync(work).sort()).toEqual(['x.diff', 'x.kvm']);
});

test('--dry-run writes nothing, on the guest or here', () => {
  const guest = sshd.guest('dry');
  const before = treeListing(guest.view);
  const work = scratch();
  const r = sshRun(sshd, 'dry', ['--yes', '--dry-run'], { cwd: work });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    'Dry run: nothing written (would write dry:/boot/grub/grub.conf.kvm and dry:/boot/grub/grub.conf.kvm.diff).',
  );
  expect(r.stdout).toContain('+++ /boot/grub/grub.conf.kvm');
  expect(treeListing(guest.view)).toEqual(before);
  expect(readdirSync(work)).toEqual([]);
});
