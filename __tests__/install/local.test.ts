import { lstatSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  backupsIn,
  cli,
  guestWithKvm,
  leftovers,
  md5,
  names,
  onFullBoot,
  removeGuests,
} from './helpers.js';

// install and rollback on guest roots here (--root), with the built CLI.
afterAll(removeGuests);

describe('install on a guest root', () => {
  it('backs grub.conf up with its mode and owner, replaces it with grub.conf.kvm, and tells the next steps', () => {
    const g = guestWithKvm();
    const r = cli(['install', '--root', g.root, '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
    const [backup] = backupsIn(g.grub);
    expect(backupsIn(g.grub)).toHaveLength(1);
    expect(readFileSync(path.join(g.grub, backup!))).toEqual(g.original);
    expect(statSync(path.join(g.grub, backup!)).mode & 0o777).toBe(0o600);
    expect(statSync(g.conf).mode & 0o777).toBe(0o600);
    // The reviewed pair stays, for the record.
    expect(names(g.grub)).toEqual(expect.arrayContaining(['grub.conf.kvm', 'grub.conf.kvm.diff']));
    expect(leftovers(g.grub)).toEqual([]);
    expect(r.stdout).toContain(`Installed ${g.conf}.kvm as ${g.conf}.`);
    expect(r.stdout).toContain(`Backup:   ${path.join(g.grub, backup!)} (mode 0600, owner 0:0)`);
    expect(r.stdout).toMatch(
      /Line 16 \(entry 0 ".*2\.6\.18-164\.el5\)"\): \+clocksource=acpi_pm \+lpj=2394132/,
    );
    expect(r.stdout).toContain('1. Unmount the guest disk and boot the guest');
    expect(r.stdout).toContain(`fix-clock-drift rollback --root ${g.root}`);
  });

  it('a second install changes nothing and says it was installed before (also in JSON)', () => {
    const g = guestWithKvm();
    expect(cli(['install', '--root', g.root, '--yes']).code).toBe(0);
    const before = names(g.grub);
    const r = cli(['install', '--root', g.root, '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      command: 'install',
      outcome: 'already-installed',
      changed: false,
      backup: null,
      exitCode: 0,
    });
    expect(names(g.grub)).toEqual(before);
    expect(cli(['install', '--root', g.root, '--yes']).stdout).toMatch(
      /already is .*grub\.conf\.kvm: it was installed before; nothing was changed/,
    );
  });

  it('refuses a grub.conf changed since grub.conf.kvm was made, naming the line, and changes nothing', () => {
    const g = guestWithKvm();
    const changed = Buffer.from(
      g.original.toString('latin1').replace('timeout=5', 'timeout=9'),
      'latin1',
    );
    writeFileSync(g.conf, changed);
    const r = cli(['install', '--root', g.root, '--yes', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: refusing to install: .*grub\.conf changed since .*grub\.conf\.kvm was made: .*first difference at line \d+: it was "timeout=5", it is now "timeout=9": run fix-clock-drift again/,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({
      exitCode: 1,
      error: expect.stringMatching(/^refusing to install/),
    });
    expect(readFileSync(g.conf)).toEqual(changed);
    expect(backupsIn(g.grub)).toEqual([]);
    expect(leftovers(g.grub)).toEqual([]);
  });

  it('refuses a grub.conf.kvm with a change besides the parameters, naming the line and both texts', () => {
    const g = guestWithKvm();
    writeFileSync(
      `${g.conf}.kvm`,
      g.kvm.toString('latin1').replace('hiddenmenu', 'hiddenmenu\ntimeout=0'),
      'latin1',
    );
    const r = cli(['install', '--root', g.root, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: refusing to install: .*grub\.conf\.kvm differs from .*grub\.conf by more than added or replaced kernel parameters: line \d+ is not a kernel or module line the tool edits: .* has "title .*", .* has "timeout=0"/,
    );
    expect(readFileSync(g.conf)).toEqual(g.original);
    expect(backupsIn(g.grub)).toEqual([]);
  });

  it('replaces the target of a symlinked /etc/grub.conf inside the root, and keeps the link', () => {
    const g = guestWithKvm();
    const link = path.join(g.root, 'etc/grub.conf');
    expect(readlinkSync(link)).toBe('../boot/grub/grub.conf');
    const r = cli(['install', '--root', g.root, '--grub-conf', link, '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      grubConf: link,
      real: g.conf,
      outcome: 'installed',
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('../boot/grub/grub.conf');
    expect(readFileSync(g.conf)).toEqual(g.kvm);
    expect(backupsIn(g.grub)).toHaveLength(1);
    expect(backupsIn(path.join(g.root, 'etc'))).toEqual([]);
  });

  it('when the backup cannot be written (a full /boot), refuses and leaves grub.conf and its directory as they were', () => {
    const g = guestWithKvm();
    const before = Object.fromEntries(
      names(g.grub)
        .filter((n) => n !== 'menu.lst')
        .map((n) => [n, md5(readFileSync(path.join(g.grub, n)))]),
    );
    const r = onFullBoot(g.grub, 4, ['install', '--root', g.root, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: cannot write the backup .*grub\.conf\.bak-\d{8}-\d{6}: no space left on device \(free some space in .*\); .*grub\.conf was not changed\n$/,
    );
    expect(r.after).toEqual(before);
  });
});

describe('rollback on a guest root', () => {
  it('restores the newest backup after backing up the current grub.conf, so that it can be undone', () => {
    const g = guestWithKvm();
    expect(cli(['install', '--root', g.root, '--yes']).code).toBe(0);
    const r = cli(['rollback', '--root', g.root, '--yes', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({ command: 'rollback', outcome: 'restored', changed: true });
    expect(readFileSync(g.conf)).toEqual(g.original);
    const backups = backupsIn(g.grub);
    expect(backups).toHaveLength(2);
    expect(rep.restored).toMatch(/grub\.conf\.bak-/);
    expect(readFileSync(rep.backup)).toEqual(g.kvm);
    // The newest backup is the one just made: rolling back again undoes the rollback.
    expect(cli(['rollback', '--root', g.root, '--yes']).code).toBe(0);
    expect(readFileSync(g.conf)).toEqual(g.kvm);
  });

  it('restores a named backup, and names the backups there when the name is not one', () => {
    const g = guestWithKvm();
    expect(cli(['install', '--root', g.root, '--yes']).code).toBe(0);
    const [first] = backupsIn(g.grub);
    const wrong = cli([
      'rollback',
      '--root',
      g.root,
      '--backup',
      'grub.conf.bak-19990101-000000',
      '--yes',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `fix-clock-drift: --backup grub.conf.bak-19990101-000000: there is no backup of that name in ${g.grub} (backups there, newest first: ${first})\n`,
    );
    const r = cli(['rollback', '--root', g.root, '--backup', first!, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Restored ${path.join(g.grub, first!)} as ${g.conf}.`);
    expect(readFileSync(g.conf)).toEqual(g.original);
  });

  it('says there is nothing to roll back to, and refuses an empty backup', () => {
    const g = guestWithKvm();
    const none = cli(['rollback', '--root', g.root, '--yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /no backup of .*grub\.conf to roll back to: there is no grub\.conf\.bak-\* in /,
    );
    writeFileSync(path.join(g.grub, 'grub.conf.bak-20240101-000000'), '');
    const empty = cli(['rollback', '--root', g.root, '--yes']);
    expect(empty.stderr).toMatch(
      /refusing to restore .*grub\.conf\.bak-20240101-000000: it is empty; choose another backup with --backup/,
    );
    expect(readFileSync(g.conf)).toEqual(g.original);
  });
});

describe('install and rollback usage', () => {
  it.each([
    [
      ['install', '--root', '/nonexistent-root', '--yes'],
      /--root \/nonexistent-root: not a directory/,
    ],
    [
      ['install', '--root', '/tmp', '--ssh', 'g', '--yes'],
      /install: --root and --ssh name two guests: give one of them/,
    ],
    [
      ['rollback', '--ssh-command', 'ssh -p 2', '--yes'],
      /rollback: --ssh-command applies only with --ssh HOST/,
    ],
    [
      ['install', '--root', '/tmp'],
      /install replaces grub\.conf and asks first, but there is no terminal to answer on: give --yes/,
    ],
  ])('%j is a usage error (exit 2), in one line, and in JSON with --json', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const j = cli([...(args as string[]), '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({
      exitCode: 2,
      error: expect.stringMatching(message),
    });
  });
});
