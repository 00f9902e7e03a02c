import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KEY, onPty, sh } from '../wizard/pty.js';
import { CLI } from '../helpers/cli.js';
import { backupsIn, cli, guestWithKvm, leftovers, removeGuests, startPaused } from './helpers.js';

// A run stopped between the backup and the rename, at a step named by
// FIX_CLOCK_DRIFT_TEST_PAUSE, by a signal it can handle or by SIGKILL: grub.conf
// is whole, the old file, every time.
afterAll(removeGuests);

const STEPS = ['after-backup', 'before-rename'] as const;

describe.each(STEPS)('stopped %s', (step) => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)(
    'by %s: grub.conf is the old file, the backup and temp files are gone, and it says so',
    async (signal, code) => {
      const g = guestWithKvm();
      const run = await startPaused(['install', '--root', g.root, '--yes'], step);
      expect(backupsIn(g.grub)).toHaveLength(1);
      run.child.kill(signal);
      const exit = await run.exit;
      expect(exit.code).toBe(code);
      expect(run.stderr()).toMatch(
        new RegExp(`interrupted \\(${signal}\\); nothing was written\\n$`),
      );
      expect(readFileSync(g.conf)).toEqual(g.original);
      expect(backupsIn(g.grub)).toEqual([]);
      expect(leftovers(g.grub)).toEqual([]);
    },
  );

  it('by SIGKILL: grub.conf is the old file, whole; the backup is whole; the next install takes over', async () => {
    const g = guestWithKvm();
    const run = await startPaused(['install', '--root', g.root, '--yes'], step);
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    expect(readFileSync(g.conf)).toEqual(g.original);
    const [backup] = backupsIn(g.grub);
    expect(readFileSync(path.join(g.grub, backup!))).toEqual(g.original);
    // The lock of a process that is gone is stale: the next run goes on.
    const again = cli(['install', '--root', g.root, '--yes']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
  });
});

describe('the question on a terminal', () => {
  it('no leaves grub.conf as it is; yes installs', async () => {
    const g = guestWithKvm();
    const cmd = `${sh(process.execPath)} ${sh(CLI)} install --root ${sh(g.root)}`;
    const no = onPty(cmd);
    await no.waitFor(/\+clocksource=acpi_pm \+lpj=2394132/);
    await no.answer(
      /after backing it up to .*grub\.conf\.bak-\d{8}-\d{6}\? \[y\/N\] /,
      `n${KEY.enter}`,
    );
    await no.waitFor(/Nothing was changed: you answered no\./);
    expect((await no.exit()).code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.original);
    expect(backupsIn(g.grub)).toEqual([]);

    const yes = onPty(cmd);
    await yes.answer(/\[y\/N\] /, `y${KEY.enter}`);
    await yes.waitFor(/Installed .*grub\.conf\.kvm as /);
    expect((await yes.exit()).code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
  });

  it('Ctrl-C at the question ends with 130 and changes nothing', async () => {
    const g = guestWithKvm();
    const run = onPty(`${sh(process.execPath)} ${sh(CLI)} rollback --root ${sh(g.root)}`);
    // No backup yet: rollback says so before any question.
    await run.waitFor(/no backup of .* to roll back to/);
    expect((await run.exit()).code).toBe(1);
    const ask = onPty(`${sh(process.execPath)} ${sh(CLI)} install --root ${sh(g.root)}`);
    await ask.answer(/\[y\/N\] /, KEY.ctrlC);
    await ask.waitFor(/interrupted at the question; nothing was changed/);
    expect((await ask.exit()).code).toBe(130);
    expect(readFileSync(g.conf)).toEqual(g.original);
  });
});
