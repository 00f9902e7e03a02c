import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMITS } from '../../src/facts/sources/bundle-format.js';
import { recordLimit } from '../../src/facts/sources/bundle-records.js';
import { collect, removeTemps, setup, type Setup } from '../collector/helpers.js';
import { copySample, runCli, tempDir } from '../helpers/cli.js';

// What makes a fleet rerun "ok": the collector brings the pair an earlier run
// left beside grub.conf (records with role=grub-kvm and grub-kvm-diff), and
// a decision from that bundle that would write the same bytes finds it current.
// (The pair is put there by a --facts run: a --root run's diff names its input
// by this machine's path, so it is another pair.)
let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(removeTemps);

/** The pair a --facts run makes, put beside the guest's grub.conf as the writer would. */
function placePair(facts: string, grubConf: string): void {
  const r = runCli([
    '--facts',
    facts,
    '--yes',
    '--output',
    `${grubConf}.kvm`,
    '--diff',
    `${grubConf}.kvm.diff`,
  ]);
  expect(r.code).toBe(0);
}

function bundleOf(root: string): string {
  const out = collect(s, ['dash'], root);
  expect(out.status).toBe(0);
  const file = path.join(tempDir('fcd-rerun-'), 'guest.facts');
  writeFileSync(file, out.stdout);
  return file;
}

describe('--facts on a guest whose pair is already there', () => {
  it('is current when the pair holds these bytes, and emits no writer', () => {
    const { root, grubConf } = copySample('rhel5.4-i686-nokvmclock');
    placePair(bundleOf(root), grubConf);
    const facts = bundleOf(root);
    expect(readFileSync(facts, 'latin1')).toMatch(/ role=grub-kvm-diff\n/);
    const writer = path.join(path.dirname(facts), 'writer.sh');
    const r = runCli(['--facts', facts, '--yes', '--json', '--emit-writer', writer]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'current', changed: true });
    expect(r.code).toBe(0);
    expect(existsSync(writer)).toBe(false);
  });

  it('refuses to emit a writer over a pair that differs, without --force', () => {
    const { root, grubConf } = copySample('rhel5.4-i686-nokvmclock');
    placePair(bundleOf(root), grubConf);
    appendFileSync(`${grubConf}.kvm`, '# a hand edit\n');
    const facts = bundleOf(root);
    const writer = path.join(path.dirname(facts), 'writer.sh');
    const r = runCli(['--facts', facts, '--yes', '--json', '--emit-writer', writer]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatch(
      /^refusing to replace \S+:\/boot\/grub\/grub\.conf\.kvm: it is already there \(move it away on the guest, or give --force\)$/,
    );
    expect(existsSync(writer)).toBe(false);
    const forced = runCli([
      '--facts',
      facts,
      '--yes',
      '--json',
      '--emit-writer',
      writer,
      '--force',
    ]);
    expect(JSON.parse(forced.stdout).outcome).toBe('script');
    expect(existsSync(writer)).toBe(true);
  });
});

test('the pair beside a large grub.conf may be as large as the config itself', () => {
  for (const role of ['grub-conf', 'grub-kvm', 'grub-kvm-diff'])
    expect(recordLimit('file', `mode=600 uid=0 gid=0 part=whole role=${role}`)).toBe(
      BUNDLE_LIMITS.grubConf,
    );
  expect(recordLimit('file', 'mode=644 uid=0 gid=0 part=head max=4096 role=grub-default')).toBe(
    BUNDLE_LIMITS.file,
  );
  expect(BUNDLE_LIMITS.grubConf).toBeGreaterThan(BUNDLE_LIMITS.file);
});
