// `npm start` is `npm run build --silent && node scripts/start.mjs`; the build
// has been run before the tests (pretest), so these run the script itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, REPO, SAMPLES } from '../helpers/cli.js';
import { equivalentLine } from './helpers.js';
import { KEY, onPty, sh, type PtySession } from './pty.js';

const TEST_MS = 120_000;
const SAMPLE_GRUB = path.join(SAMPLES, 'rhel5.4-x86_64/boot/grub');
const OUT = path.join(REPO, 'out');
const OUT_KVM = path.join(OUT, 'grub.conf.kvm');
const OUT_DIFF = path.join(OUT, 'grub.conf.kvm.diff');

/** The sample's grub.conf with the 5.4 x86_64 no-kvm-clock parameters on its three Linux entries. */
function expectedKvm(): string {
  return readFileSync(path.join(SAMPLE_GRUB, 'grub.conf'), 'latin1').replace(
    /^(\t(?:kernel|module) \/vmlinuz-[^\n]*)$/gm,
    '$1 notsc lpj=2394000',
  );
}

/** Notes the sample's grub.conf; the function returned checks that it was only read. */
function sampleUntouched(): () => void {
  const grubConf = path.join(SAMPLE_GRUB, 'grub.conf');
  const bytes = readFileSync(grubConf);
  const mtime = statSync(grubConf).mtimeMs;
  return () => {
    expect(readFileSync(grubConf)).toEqual(bytes);
    expect(statSync(grubConf).mtimeMs).toBe(mtime);
    expect(readdirSync(SAMPLE_GRUB).filter((f) => /\.kvm|\.diff/.test(f))).toEqual([]);
  };
}

function clearOut(): void {
  rmSync(OUT_KVM, { force: true });
  rmSync(OUT_DIFF, { force: true });
}

function checkOut(): void {
  expect(readFileSync(OUT_KVM, 'latin1')).toBe(expectedKvm());
  expect(applyWithPatch(path.join(SAMPLE_GRUB, 'grub.conf'), OUT_DIFF)).toEqual(
    readFileSync(OUT_KVM),
  );
}

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

describe('npm start (scripts/start.mjs)', () => {
  it(
    'without a terminal: flag mode on the sample, outputs in out/, never waits for input',
    () => {
      clearOut();
      const check = sampleUntouched();
      const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: '1' },
        input: '',
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(
        /^npm start: sample guest samples\/rhel5\.4-x86_64 \(read only\); outputs go to out\/\n/,
      );
      expect(r.stdout).not.toContain('Guest release');
      expect(r.stdout).toContain('Wrote out/grub.conf.kvm and out/grub.conf.kvm.diff');
      checkOut();
      check();
    },
    TEST_MS,
  );

  it(
    'at a terminal: the wizard on the sample, outputs in out/',
    async () => {
      clearOut();
      const check = sampleUntouched();
      const s = onPty([process.execPath, 'scripts/start.mjs'].map(sh).join(' '), { cwd: REPO });
      sessions.push(s);
      await s.waitFor(/outputs go to out\//);
      await s.answer(/\? Guest release \(RHEL X\.Y\) \(5\.4\)/, KEY.enter);
      await s.answer(/\? Architecture/, KEY.enter);
      // Said explicitly: what the sample's logs say about kvm-clock and lpj may change.
      await s.answer(/\? Does the guest kernel have kvm-clock/, 'n');
      await s.waitFor(/❯ no: /);
      s.send(KEY.enter);
      await s.answer(/\? Loops per jiffy/, `${KEY.backspace}2394000`);
      await s.waitFor(/lpj out 2394000/);
      s.send(KEY.enter);
      await s.answer(/\? Entries to edit/, KEY.enter);
      await s.answer(/\? Decide each entry[\s\S]*?\(y\/N\)/, KEY.enter);
      await s.answer(/\? Write out\/grub\.conf\.kvm and out\/grub\.conf\.kvm\.diff\?/, KEY.enter);
      await s.waitFor(/Wrote out\/grub\.conf\.kvm and out\/grub\.conf\.kvm\.diff/);
      await s.waitFor(/npm start: this was a demonstration on a sample/);
      expect(await s.exit()).toEqual({ code: 0, signal: null });
      expect(equivalentLine(s.text)).toBe(
        'fix-clock-drift --root samples/rhel5.4-x86_64 --output out/grub.conf.kvm --diff out/grub.conf.kvm.diff --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000 --force --yes',
      );
      checkOut();
      check();
    },
    TEST_MS,
  );

  it(
    'at a terminal, Ctrl-C: exit 130 passed on, out/ left as it was',
    async () => {
      clearOut();
      const check = sampleUntouched();
      const s = onPty([process.execPath, 'scripts/start.mjs'].map(sh).join(' '), { cwd: REPO });
      sessions.push(s);
      await s.answer(/\? Guest release/, KEY.ctrlC);
      expect(await s.exit()).toEqual({ code: 130, signal: null });
      expect(s.text).not.toContain('this was a demonstration');
      expect(existsSync(OUT_KVM)).toBe(false);
      expect(existsSync(OUT_DIFF)).toBe(false);
      check();
    },
    TEST_MS,
  );
});
