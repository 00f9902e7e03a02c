import { localAccess } from '../../src/output/guest.js';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { askOptions, runWizard } from '../../src/cli/wizard.js';
import { inspect } from '../../src/grub/inspect.js';
import { applyWithPatch, runCli } from '../helpers/cli.js';
import { fakeIo, promptError, type Answers, type Question, type SeenChoice } from './fakes.js';
import { equivalentArgs, equivalentLine, listTree, minimalRoot, outputsOf } from './helpers.js';

function baseOptions(root: string, more: Partial<Options> = {}): Options {
  return { ...DEFAULT_OPTIONS, root, rootGiven: true, ...more };
}

/** The grub.conf lines of the 5.4 sample that boot a Linux kernel, by entry. */
const LINUX_LINES = {
  0: '\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
  1: '\tmodule /vmlinuz-2.6.18-164.el5xen ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
  2: '\tkernel /vmlinuz-2.6.18-128.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
} as const;

describe('askOptions: the questions and where their defaults come from', () => {
  it('asks about kvm-clock and lpj only where the rows depend on them (RHEL 3.9: neither)', async () => {
    const { root } = minimalRoot('rhel3.9-i686');
    const base = baseOptions(root);
    const { io, asked } = fakeIo();
    const o = await askOptions(base, await inspect(localAccess(base)), io);
    expect(asked.map((a) => a.question)).toEqual(['release', 'arch', 'entries']);
    expect(o.pvclock).toBeUndefined();
    expect(o.lpj).toBeUndefined();
  });

  it('nor for a RHEL 4.8 guest whose kernels are all 4.x', async () => {
    const { root } = minimalRoot('rhel4.8-i686');
    const base = baseOptions(root);
    const { io, asked } = fakeIo();
    await askOptions(base, await inspect(localAccess(base)), io);
    expect(asked.map((a) => a.question)).not.toContain('pvclock');
    expect(asked.map((a) => a.question)).not.toContain('lpj');
  });

  it("defaults to detection's answers: release 5.4 from etc/redhat-release; the entry list from grub.conf", async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const ins = await inspect(localAccess(base));
    const { io, asked } = fakeIo();
    await askOptions(base, ins, io);

    // The sample's entries boot 5.4 and 5.3 kernels, hence the per-entry question.
    expect(asked.map((a) => a.question)).toEqual([
      'release',
      'arch',
      'pvclock',
      'lpj',
      'entries',
      'perEntry',
    ]);
    const [release, arch, pvclock, lpj, entries, perEntry] = asked;
    expect(asked.map((a) => a.kind)).toEqual([
      'input',
      'select',
      'select',
      'input',
      'checkbox',
      'confirm',
    ]);
    expect(perEntry!.config).toHaveProperty('default', false);
    expect(perEntry!.config.message).toMatch(/they boot 5\.3, 5\.4/);
    expect(release!.config).toHaveProperty('default', '5.4');
    expect(ins.facts.release.source).toContain(path.join(root, 'etc/redhat-release'));
    // Nothing else is known in this root: no default for arch, kvm-clock assumed absent, lpj blank.
    expect(arch!.config).not.toHaveProperty('default');
    expect(pvclock!.config).toHaveProperty('default', false);
    expect(lpj!.config).toHaveProperty('default', '');
    const choices = (entries!.kind === 'checkbox' ? entries!.config.choices : []) as SeenChoice[];
    expect(choices.map((c) => [c.value, c.checked, c.disabled])).toEqual([
      [0, true, false],
      [1, true, false],
      [2, true, false],
      [3, false, 'boots no Linux kernel (chainloader +1)'],
    ]);
    expect(choices[1]!.name).toBe('1: Red Hat Enterprise Linux Server (2.6.18-164.el5xen)');
  });

  it('offers the values the flags gave as the defaults', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root, { release: '4.8', pvclock: true, lpj: 2394000 });
    const { io, asked } = fakeIo();
    const o = await askOptions(base, await inspect(localAccess(base)), io);
    const defaults = Object.fromEntries(
      asked.map((a) => [a.question, 'default' in a.config ? a.config.default : undefined]),
    );
    expect(defaults).toMatchObject({ release: '4.8', pvclock: true, lpj: '2394000' });
    expect(o).toMatchObject({ release: '4.8', arch: 'x86_64', pvclock: true, lpj: 2394000 });
  });

  it('passes the abort signal (Esc) to every prompt', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const controller = new AbortController();
    const { io, asked } = fakeIo({}, controller.signal);
    await askOptions(base, await inspect(localAccess(base)), io);
    expect(asked).toHaveLength(6);
    for (const a of asked) expect(a.context?.signal).toBe(controller.signal);
  });

  it('puts changed answers in the options', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const { io } = fakeIo({
      release: ' 4.8 ',
      arch: 'x86',
      pvclock: true,
      lpj: '2394000',
      entries: [2, 0],
    });
    const o = await askOptions(base, await inspect(localAccess(base)), io);
    expect(o).toMatchObject({
      release: '4.8',
      arch: 'x86',
      pvclock: true,
      lpj: 2394000,
      entries: { kind: 'indices', indices: [0, 2] },
    });
    // The options given are not changed.
    expect(base.release).toBeUndefined();
  });

  it.each([
    ['', false],
    ['   ', false],
    ['2394000', 2394000],
  ])('turns the lpj answer %j into %j', async (answer, lpj) => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const { io } = fakeIo({ lpj: answer });
    expect((await askOptions(base, await inspect(localAccess(base)), io)).lpj).toBe(lpj);
  });

  it('says "all" when every Linux entry stays checked', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root);
    const { io } = fakeIo({ entries: [0, 1, 2] });
    expect((await askOptions(base, await inspect(localAccess(base)), io)).entries).toEqual({
      kind: 'all',
    });
  });

  // Regression: the checklist once started with every Linux entry checked
  // whatever --entries said, so accepting the defaults edited them all.
  it('starts the entry checklist from --entries when it was given', async () => {
    const { root } = minimalRoot();
    const base = baseOptions(root, { entries: { kind: 'indices', indices: [0] } });
    const { io, asked } = fakeIo();
    const o = await askOptions(base, await inspect(localAccess(base)), io);
    const entries = asked.find((a) => a.question === 'entries');
    const checked = (entries?.kind === 'checkbox' ? (entries.config.choices as SeenChoice[]) : [])
      .filter((c) => c.checked)
      .map((c) => c.value);
    expect(checked).toEqual([0]);
    expect(o.entries).toEqual({ kind: 'indices', indices: [0] });
  });
});

/** The answers that make a change on the 5.4 sample whatever its detection says. */
const CHANGE: Answers = {
  release: '5.4',
  arch: 'x86_64',
  pvclock: false,
  lpj: '2394000',
  entries: [0, 2],
};

describe('runWizard with fake prompts', () => {
  it('writes what was chosen, and the command line it prints does the same in flag mode', async () => {
    const { root, grubConf } = minimalRoot();
    const before = readFileSync(grubConf);
    const { io, asked, text } = fakeIo({ ...CHANGE, write: true });
    expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(0);

    expect(asked.map((a) => a.question)).toEqual([
      'release',
      'arch',
      'pvclock',
      'lpj',
      'entries',
      'perEntry',
      'write',
    ]);
    expect(asked[6]!.config.message).toBe(
      `Write ${grubConf}.kvm and ${grubConf}.kvm.diff? (grub.conf is not touched)`,
    );
    expect(readFileSync(grubConf)).toEqual(before);
    const kvm = readFileSync(`${grubConf}.kvm`, 'latin1');
    expect(kvm).toBe(
      before
        .toString('latin1')
        .replace(`${LINUX_LINES[0]}\n`, `${LINUX_LINES[0]} notsc lpj=2394000\n`)
        .replace(`${LINUX_LINES[2]}\n`, `${LINUX_LINES[2]} notsc lpj=2394000\n`),
    );
    expect(applyWithPatch(grubConf, `${grubConf}.kvm.diff`)).toEqual(
      readFileSync(`${grubConf}.kvm`),
    );

    const out = text();
    expect(out).toContain('Detected (each answer below defaults to it):');
    expect(out).toContain(`Wrote ${grubConf}.kvm and ${grubConf}.kvm.diff (mode 0600`);
    const line = equivalentLine(out);
    expect(line).toBe(
      `fix-clock-drift --root ${root} --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000 --entries 0,2 --yes`,
    );

    const fresh = minimalRoot();
    const r = runCli(equivalentArgs(line, root, fresh.root));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(outputsOf(fresh.root)).toEqual(outputsOf(root));
  });

  it('prints a command line that repeats the defaults too (--no-lpj for a blank lpj, no --entries for all)', async () => {
    const { root } = minimalRoot();
    const { io, text } = fakeIo();
    expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(0);
    const line = equivalentLine(text());
    expect(line).toBe(
      `fix-clock-drift --root ${root} --release 5.4 --arch x86_64 --no-pvclock --no-lpj --yes`,
    );
    const fresh = minimalRoot();
    expect(runCli(equivalentArgs(line, root, fresh.root)).code).toBe(0);
    expect(outputsOf(fresh.root)).toEqual(outputsOf(root));
    expect(outputsOf(root).kvm.toString('latin1')).toContain(`${LINUX_LINES[1]} notsc\n`);
  });

  it('writes nothing when the final confirm is declined', async () => {
    const { root } = minimalRoot();
    const tree = listTree(root);
    const { io, asked, text } = fakeIo({ ...CHANGE, write: false });
    expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(0);
    expect(asked.at(-1)!.question).toBe('write');
    expect(listTree(root)).toEqual(tree);
    const out = text();
    expect(out).toContain('Nothing written: you chose not to write the files.');
    // The diff was shown before the question, and the flags are still offered.
    expect(out).toContain(`+${LINUX_LINES[0]} notsc lpj=2394000`);
    expect(equivalentLine(out)).toContain('--entries 0,2 --yes');
  });

  it('asks no "write?" when nothing needs changing', async () => {
    const { root } = minimalRoot();
    const tree = listTree(root);
    // 5.4 x86_64 with kvm-clock: the table asks for no parameters.
    const { io, asked, text } = fakeIo({ pvclock: true });
    expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(0);
    expect(asked.map((a) => a.question)).not.toContain('write');
    expect(text()).toContain('No additional kernel parameters are needed');
    expect(listTree(root)).toEqual(tree);
    expect(existsSync(path.join(root, 'boot/grub/grub.conf.kvm'))).toBe(false);
  });

  const questions: Question[] = ['release', 'arch', 'pvclock', 'lpj', 'entries', 'write'];
  describe.each(['ExitPromptError', 'AbortPromptError'] as const)(
    'a prompt rejecting with %s',
    (name) => {
      it.each(questions)('at %s: exit code 130, nothing written', async (question) => {
        const { root } = minimalRoot();
        const tree = listTree(root);
        const { io, asked, text } = fakeIo({ ...CHANGE, [question]: promptError(name) });
        expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(130);
        expect(asked.at(-1)!.question).toBe(question);
        expect(listTree(root)).toEqual(tree);
        const out = text();
        expect(out).toMatch(/\nCancelled: nothing was written\.\n$/);
        expect(out).not.toContain('The same run without questions');
      });
    },
  );

  // Regression: an unusable grub.conf (missing, no title lines, binary) was
  // only reported after every question had been asked.
  it('reports an unusable grub.conf before asking anything', async () => {
    const { root, grubConf } = minimalRoot();
    writeFileSync(grubConf, 'default=0\ntimeout=5\n');
    const { io, asked } = fakeIo();
    await expect(runWizard(localAccess(baseOptions(root)), io)).rejects.toThrow(
      'has no boot entries',
    );
    expect(asked).toEqual([]);
  });

  it('lets any other prompt error through (main reports it as a failure)', async () => {
    const { root } = minimalRoot();
    const tree = listTree(root);
    const { io } = fakeIo({ arch: new Error('stdin closed') });
    await expect(runWizard(localAccess(baseOptions(root)), io)).rejects.toThrow('stdin closed');
    expect(listTree(root)).toEqual(tree);
  });

  it('keeps the mode of grub.conf on what it writes', async () => {
    const { root, grubConf } = minimalRoot();
    chmodSync(grubConf, 0o640);
    const { io } = fakeIo({ ...CHANGE, write: true });
    expect(await runWizard(localAccess(baseOptions(root)), io)).toBe(0);
    expect(statSync(`${grubConf}.kvm`).mode & 0o777).toBe(0o640);
    expect(statSync(`${grubConf}.kvm.diff`).mode & 0o777).toBe(0o640);
  });
});
