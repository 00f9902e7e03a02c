// The real built CLI on a pseudo-terminal (util-linux script), driven key by
// key: every step waits for the prompt it answers, never for a fixed time.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fse from 'fs-extra';
import { applyWithPatch, CLI, copySample, runCli, SAMPLES, tempDir } from '../helpers/cli.js';
import { equivalentArgs, equivalentLine, listTree, minimalRoot, outputsOf } from './helpers.js';
import { KEY, onPty, sh, type PtySession } from './pty.js';

const TEST_MS = 120_000;

const PROMPT = {
  release: /\? Guest release \(RHEL X\.Y\)/,
  arch: /\? Architecture/,
  pvclock: /\? Does the guest kernel have kvm-clock/,
  lpj: /\? Loops per jiffy/,
  entries: /\? Entries to edit/,
  // Asked when the chosen entries boot kernels of different releases (5.4 and 5.3 here).
  perEntry: /\? Decide each entry[\s\S]*?\(y\/N\)/,
  // The message wraps at the terminal's width; the (Y/n) ends it.
  write: /\? Write [\s\S]*?\(Y\/n\)/,
};

const LINUX_LINES = {
  0: '\tkernel /vmlinuz-2.6.18-164.2.1.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
  2: '\tkernel /vmlinuz-2.6.18-128.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
} as const;

const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

/** The built CLI with these arguments, on a terminal. */
function wizard(args: string[], opts: { cwd?: string } = {}): PtySession {
  const s = onPty([process.execPath, CLI, ...args].map(sh).join(' '), opts);
  sessions.push(s);
  return s;
}

describe('the wizard on a terminal', () => {
  it(
    'a. Enter at every prompt accepts the detected defaults and writes grub.conf.kvm and its diff',
    async () => {
      // Only redhat-release and grub.conf: detection, and so every default, is fixed.
      const { root, grubConf } = minimalRoot();
      const before = readFileSync(grubConf);
      const mtime = statSync(grubConf).mtimeMs;
      const s = wizard(['--root', root]);
      await s.waitFor(/release +5\.4 +from .*etc\/redhat-release/);
      await s.answer(/\? Guest release \(RHEL X\.Y\) \(5\.4\)/, KEY.enter);
      await s.answer(PROMPT.arch, KEY.enter);
      await s.answer(PROMPT.pvclock, KEY.enter);
      await s.answer(PROMPT.lpj, KEY.enter);
      await s.answer(PROMPT.entries, KEY.enter);
      await s.answer(PROMPT.perEntry, KEY.enter);
      await s.waitFor(/\+\tkernel \/vmlinuz-2\.6\.18-164\.el5 .* quiet notsc\n/);
      await s.answer(PROMPT.write, KEY.enter);
      await s.waitFor(/Wrote .*grub\.conf\.kvm and .*grub\.conf\.kvm\.diff \(mode 0600/);
      expect(await s.exit()).toEqual({ code: 0, signal: null });

      expect(readFileSync(grubConf)).toEqual(before);
      expect(statSync(grubConf).mtimeMs).toBe(mtime);
      for (const f of [`${grubConf}.kvm`, `${grubConf}.kvm.diff`]) {
        expect(statSync(f).mode & 0o777).toBe(statSync(grubConf).mode & 0o777);
      }
      expect(applyWithPatch(grubConf, `${grubConf}.kvm.diff`)).toEqual(
        readFileSync(`${grubConf}.kvm`),
      );
      const line = equivalentLine(s.text);
      expect(line).toBe(
        `fix-clock-drift --root ${root} --release 5.4 --arch x86_64 --no-pvclock --no-lpj --yes`,
      );
      // The printed command does in flag mode what the answers did.
      const fresh = minimalRoot();
      const r = runCli(equivalentArgs(line, root, fresh.root));
      expect(r.code).toBe(0);
      expect(outputsOf(fresh.root)).toEqual(outputsOf(root));
    },
    TEST_MS,
  );

  it(
    'b. changed answers (typed release, arrow-key arch, unchecked entry) end up in grub.conf.kvm',
    async () => {
      const { root, grubConf } = copySample('rhel5.4-x86_64');
      const before = readFileSync(grubConf, 'latin1');
      const s = wizard(['--root', root]);

      // Tab puts the default in the line, Ctrl-U clears it, then the new release.
      await s.answer(PROMPT.release, KEY.tab + KEY.ctrlU + '4.8');
      await s.waitFor(/\(RHEL X\.Y\) 4\.8/);
      s.send(KEY.enter);
      await s.waitFor(/✔ Guest release \(RHEL X\.Y\) 4\.8/);

      await s.answer(PROMPT.arch, KEY.down);
      await s.waitFor(/❯ x86 \(32-bit/);
      s.send(KEY.enter);
      await s.waitFor(/✔ Architecture x86 \(32-bit/);

      // Typing a letter jumps to the choice that starts with it.
      await s.answer(PROMPT.pvclock, 'n');
      await s.waitFor(/❯ no: the kernel lacks kvm-clock/);
      s.send(KEY.enter);

      // Backspace drops a detected default; then the number.
      await s.answer(PROMPT.lpj, `${KEY.backspace}2394000`);
      await s.waitFor(/lpj out 2394000/);
      s.send(KEY.enter);

      await s.answer(PROMPT.entries, KEY.down);
      await s.waitFor(/❯◉ 1: /);
      s.send(KEY.space);
      await s.waitFor(/❯◯ 1: /);
      s.send(KEY.enter);
      await s.waitFor(/✔ Entries to edit/);
      await s.answer(PROMPT.perEntry, KEY.enter);

      await s.answer(PROMPT.write, KEY.enter);
      expect(await s.exit()).toEqual({ code: 0, signal: null });

      expect(readFileSync(grubConf, 'latin1')).toBe(before);
      expect(readFileSync(`${grubConf}.kvm`, 'latin1')).toBe(
        before
          .replace(`${LINUX_LINES[0]}\n`, `${LINUX_LINES[0]} clock=pmtmr\n`)
          .replace(`${LINUX_LINES[2]}\n`, `${LINUX_LINES[2]} clock=pmtmr\n`),
      );
      expect(applyWithPatch(grubConf, `${grubConf}.kvm.diff`)).toEqual(
        readFileSync(`${grubConf}.kvm`),
      );
      expect(equivalentLine(s.text)).toBe(
        `fix-clock-drift --root ${root} --release 4.8 --arch x86 --no-pvclock --lpj 2394000 --entries 0,2 --yes`,
      );
    },
    TEST_MS,
  );

  it(
    'c. Ctrl-C at the first prompt: exit code 130, nothing written',
    async () => {
      const { root } = copySample('rhel5.4-x86_64');
      const tree = listTree(root);
      const s = wizard(['--root', root]);
      await s.answer(PROMPT.release, KEY.ctrlC);
      await s.waitFor(/Cancelled: nothing was written\./);
      expect(await s.exit()).toEqual({ code: 130, signal: null });
      expect(listTree(root)).toEqual(tree);
    },
    TEST_MS,
  );

  it.each([
    ['the entry checklist', 'entries'],
    ['the final confirm, with the diff on screen', 'write'],
  ] as const)(
    'd. Esc at %s: exit code 130, nothing written',
    async (_where, at) => {
      const { root } = copySample('rhel5.4-x86_64');
      const tree = listTree(root);
      const s = wizard(['--root', root]);
      await s.answer(PROMPT.release, KEY.enter);
      await s.answer(PROMPT.arch, KEY.enter);
      // "no": with kvm-clock the 5.4 row asks for nothing and there is no final confirm.
      await s.answer(PROMPT.pvclock, 'n');
      await s.waitFor(/❯ no: /);
      s.send(KEY.enter);
      await s.answer(PROMPT.lpj, KEY.enter);
      if (at === 'write') {
        await s.answer(PROMPT.entries, KEY.enter);
        await s.answer(PROMPT.perEntry, KEY.enter);
        await s.waitFor(/\+\tkernel \/vmlinuz-2\.6\.18-164\.2\.1\.el5 .* notsc/);
      }
      await s.answer(PROMPT[at], KEY.esc);
      await s.waitFor(/Cancelled: nothing was written\./);
      expect(await s.exit()).toEqual({ code: 130, signal: null });
      expect(listTree(root)).toEqual(tree);
      expect(s.text).not.toContain('The same run without questions');
    },
    TEST_MS,
  );

  it(
    'e. "n" at the final confirm: exit 0, nothing written',
    async () => {
      const { root } = copySample('rhel5.4-x86_64');
      const tree = listTree(root);
      const s = wizard(['--root', root]);
      await s.answer(PROMPT.release, KEY.enter);
      await s.answer(PROMPT.arch, KEY.enter);
      await s.answer(PROMPT.pvclock, 'n');
      await s.waitFor(/❯ no: /);
      s.send(KEY.enter);
      await s.answer(PROMPT.lpj, KEY.enter);
      await s.answer(PROMPT.entries, KEY.enter);
      await s.answer(PROMPT.perEntry, KEY.enter);
      await s.answer(PROMPT.write, 'n');
      await s.waitFor(/\(Y\/n\) n/);
      s.send(KEY.enter);
      await s.waitFor(/✔ Write [\s\S]*? No/);
      await s.waitFor(/Nothing written: you chose not to write the files\./);
      expect(await s.exit()).toEqual({ code: 0, signal: null });
      expect(listTree(root)).toEqual(tree);
      expect(equivalentLine(s.text)).toMatch(/ --no-pvclock .*--yes$/);
    },
    TEST_MS,
  );
});

describe('wizard regressions', () => {
  // Regression: the Esc listener put stdin in flowing mode; when inspect()
  // threw before any prompt had run, the process kept reading the terminal.
  it(
    'exits after an error found before the first question (--root not a directory)',
    async () => {
      const missing = path.join(tempDir(), 'no-such-guest');
      const s = wizard(['--root', missing]);
      await s.waitFor(/--root .*no-such-guest: not a directory/);
      // It fails at once; 5 s is plenty even on a loaded machine.
      expect(await s.exit(5_000)).toEqual({ code: 2, signal: null });
    },
    TEST_MS,
  );
});

describe('no wizard without a terminal on both ends', () => {
  /** A root whose release and arch cannot be detected: only a sample's grub.conf. */
  function undetectableRoot(): string {
    const root = path.join(tempDir('fcd-nodetect-'), 'guest');
    mkdirSync(path.join(root, 'boot/grub'), { recursive: true });
    fse.copySync(
      path.join(SAMPLES, 'rhel5.4-x86_64/boot/grub/grub.conf'),
      path.join(root, 'boot/grub/grub.conf'),
    );
    return root;
  }

  function expectUsageError(stderr: string): void {
    expect(stderr).toMatch(/^fix-clock-drift: the guest's release or architecture is not known/);
    expect(stderr).toContain('--release X.Y');
    expect(stderr).toContain('--arch x86_64|i686');
  }

  it('f. stdin and stdout not a TTY: a usage error naming --release and --arch, exit 2', () => {
    const root = undetectableRoot();
    const tree = listTree(root);
    const r = runCli(['--root', root]);
    expect(r.code).toBe(2);
    expectUsageError(r.stderr);
    expect(r.stdout).not.toContain('Guest release');
    expect(listTree(root)).toEqual(tree);
  });

  it(
    'f. stdout a TTY but stdin not: no prompt, exit 2',
    async () => {
      const root = undetectableRoot();
      const s = onPty(`${[process.execPath, CLI, '--root', root].map(sh).join(' ')} </dev/null`);
      sessions.push(s);
      expect((await s.exit()).code).toBe(2);
      expectUsageError(s.text);
      expect(s.text).not.toContain('Guest release');
    },
    TEST_MS,
  );

  it(
    'f. stdin a TTY but stdout not: no prompt, exit 2',
    async () => {
      const root = undetectableRoot();
      const stdoutFile = path.join(tempDir(), 'stdout');
      const s = onPty(
        `${[process.execPath, CLI, '--root', root].map(sh).join(' ')} >${sh(stdoutFile)}`,
      );
      sessions.push(s);
      expect((await s.exit()).code).toBe(2);
      expectUsageError(s.text);
      expect(readFileSync(stdoutFile, 'utf8')).toBe('');
    },
    TEST_MS,
  );

  it(
    'f. a terminal but --yes: no prompt, exit 2',
    async () => {
      const root = undetectableRoot();
      const s = wizard(['--root', root, '--yes']);
      expect((await s.exit()).code).toBe(2);
      expectUsageError(s.text);
      expect(s.text).not.toContain('Guest release');
    },
    TEST_MS,
  );
});

describe('a terminal with --release and --arch given', () => {
  it(
    'runs in flag mode without a question',
    async () => {
      const { root, grubConf } = minimalRoot();
      const s = wizard(['--root', root, '--release', '5.4', '--arch', 'x86_64', '--no-lpj']);
      expect(await s.exit()).toEqual({ code: 0, signal: null });
      expect(s.text).not.toContain('Guest release');
      // minimalRoot boots the 5.4 GA kernel (see helpers.ts).
      expect(readFileSync(`${grubConf}.kvm`, 'latin1')).toContain(
        '\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet notsc\n',
      );
    },
    TEST_MS,
  );
});
