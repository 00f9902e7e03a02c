/**
 * The edges of a boot.ini run at the stage: finding the file among several
 * spellings, the target's own checks, a default that names no entry, entries
 * without a description, and drive paths with doubled backslashes.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { findBootIni } from '../../src/bootini/locate.js';
import { parseBootIni } from '../../src/bootini/model.js';
import { addUsePmTimer } from '../../src/bootini/pmtimer.js';
import { prepareBootIni } from '../../src/bootini/prepare.js';
import { bootIniSummary } from '../../src/bootini/report.js';
import { bootIniTarget } from '../../src/bootini/target.js';
import { crlf } from './fixtures.js';
import { localAccess } from '../../src/output/guest.js';

const XP = 'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'fcd-bootini-edges-'));
  dirs.push(d);
  return d;
}

const options = (more: Partial<Options>): Options => ({ ...DEFAULT_OPTIONS, yes: true, ...more });

describe('findBootIni', () => {
  it('of several spellings, the first in code-unit order, whatever order they were made in', async () => {
    const d = dir();
    for (const name of ['boot.ini', 'BOOT.INI', 'bOOT.INI', 'Boot.ini'])
      writeFileSync(path.join(d, name), '');
    expect(await findBootIni(d)).toBe(path.join(d, 'BOOT.INI'));
  });

  it('a directory or a dangling link named boot.ini is not one', async () => {
    const d = dir();
    mkdirSync(path.join(d, 'BOOT.INI'));
    symlinkSync('nowhere', path.join(d, 'Boot.ini'));
    expect(await findBootIni(d)).toBeUndefined();
    writeFileSync(path.join(d, 'boot.ini'), '');
    expect(await findBootIni(d)).toBe(path.join(d, 'boot.ini'));
  });

  it('a root that cannot be listed (a link loop) is an error naming it and --root', async () => {
    const loop = path.join(dir(), 'loop');
    symlinkSync('loop', loop);
    await expect(findBootIni(loop)).rejects.toThrow(
      new RegExp(`^cannot list ${loop}: .* \\(check the path given to --root\\)$`),
    );
  });
});

describe('bootIniTarget', () => {
  it('is named by --boot-ini only', () => {
    expect(bootIniTarget.named(options({ bootIni: '/x' }))).toBe(true);
    expect(bootIniTarget.named(options({}))).toBe(false);
  });

  it('without --boot-ini, runs on the boot.ini at the root; with none there, it is not its run', async () => {
    const d = dir();
    await expect(bootIniTarget.run(localAccess(options({ root: d })))).rejects.toThrow(
      'the boot.ini target runs only once its file was found',
    );
    writeFileSync(path.join(d, 'BOOT.INI'), crlf('[operating systems]', `${XP}="XP"`), 'latin1');
    const { result } = await bootIniTarget.run(localAccess(options({ root: d, dryRun: true })));
    expect(result).toMatchObject({ outcome: 'dry-run', inputPath: path.join(d, 'BOOT.INI') });
  });
});

describe('prepareBootIni', () => {
  it('a missing file is an error naming --boot-ini', async () => {
    const file = path.join(dir(), 'boot.ini');
    await expect(prepareBootIni(file, options({ bootIni: file }))).rejects.toThrow(/--boot-ini/);
  });

  it('a default that names no entry: warned about, in the result and the summary', async () => {
    const file = path.join(dir(), 'boot.ini');
    const text = crlf(
      '[boot loader]',
      'default=multi(0)other',
      '[operating systems]',
      `${XP}="XP"`,
    );
    writeFileSync(file, text, 'latin1');
    const r = await prepareBootIni(file, options({ bootIni: file, output: '-' }));
    const warning =
      '[boot loader] default=multi(0)other (line 2) matches no entry under [operating systems]: the default boot is none of the edited entries, so it may run without /usepmtimer';
    expect(r.warnings).toEqual([warning]);
    expect('diffPath' in r).toBe(false);
    expect(bootIniSummary(r).before).toEqual([
      `fix-clock-drift: ${file} (Windows boot.ini)`,
      '',
      'Rule:       RHEV 3.4 Administration Guide 9.16.3: Windows guests get /usepmtimer on their OS entries',
      '',
      'Entries:',
      `   0 ${XP} "XP"`,
      '       +/usepmtimer',
      '',
      'Warnings:',
      `  ! ${warning}`,
      '',
    ]);
  });

  it('an entry without a description, and one left alone without a reason word', async () => {
    const file = path.join(dir(), 'boot.ini');
    writeFileSync(file, crlf('[operating systems]', 'C:\\\\=', `${XP}=`), 'latin1');
    const r = await prepareBootIni(file, options({ bootIni: file, dryRun: true }));
    expect(bootIniSummary(r).before.slice(5, 9)).toEqual([
      '   0 C:\\\\ ',
      "       left alone: C:\\\\ boots the previous operating system's boot sector (C:\\BOOTSECT.DOS, DOS or Windows 9x): no Windows NT kernel reads the switches",
      `   1 ${XP} `,
      '       +/usepmtimer',
    ]);
  });
});

describe('drive paths: a whole drive, or a boot sector file on it', () => {
  const reason = (p: string): string | undefined =>
    addUsePmTimer(parseBootIni(`[operating systems]\n${p}="x"\n`)).entries[0]?.reason;

  it.each(['C:\\', 'C:\\\\', 'c:\\\\\\'])('%s: the previous system’s boot sector', (p) => {
    expect(reason(p)).toMatch(/boots the previous operating system's boot sector/);
  });

  it.each(['C:\\BOOTSECT.DOS', 'C:\\\\X', 'C:\\A\\'])('%s: a boot sector file', (p) => {
    expect(reason(p)).toMatch(/is a boot sector file NTLDR chain-loads/);
  });
});
