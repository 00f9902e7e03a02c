/**
 * A boot.ini run at the stage level, in process: bootIniTarget.run with the
 * options a command line gives, on real files in a temp dir. What the CLI
 * prints is these same reports (see cli/main.ts).
 */
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_OPTIONS, type Options } from '../../src/cli/options.js';
import { findBootIni } from '../../src/bootini/locate.js';
import { prepareBootIni } from '../../src/bootini/prepare.js';
import { bootIniSummary } from '../../src/bootini/report.js';
import { bootIniTarget } from '../../src/bootini/target.js';
import { ToolError } from '../../src/shared/errors.js';
import { crlf } from './fixtures.js';
import { localAccess } from '../../src/output/guest.js';

const XP = 'multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS';
const INI = crlf(
  '[boot loader]',
  'timeout=30',
  `default=${XP}`,
  '[operating systems]',
  `${XP}="Windows XP" /fastdetect`,
  `${XP}="Windows XP (timer)" /fastdetect /usepmtimer`,
  'C:\\CMDCONS\\BOOTSECT.DAT="Recovery Console" /cmdcons',
);
const EDITED = INI.replace('"Windows XP" /fastdetect', '"Windows XP" /fastdetect /usepmtimer');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function bootIni(content: string = INI): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-bootini-'));
  dirs.push(dir);
  const file = path.join(dir, 'boot.ini');
  writeFileSync(file, content, 'latin1');
  return { dir, file };
}

function options(file: string, more: Partial<Options> = {}): Options {
  return { ...DEFAULT_OPTIONS, bootIni: file, yes: true, ...more };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ToolError)) throw new Error(`expected a ToolError, got ${String(err)}`);
  return err.message;
}

describe('a boot.ini run', () => {
  it('writes boot.ini.kvm and its diff, and reports the entries', async () => {
    const { dir, file } = bootIni();
    const { result, json, summary } = await bootIniTarget.run(localAccess(options(file)));
    expect(result.outcome).toBe('written');
    expect(readFileSync(`${file}.kvm`, 'latin1')).toBe(EDITED);
    expect(readdirSync(dir).sort()).toEqual(['boot.ini', 'boot.ini.kvm', 'boot.ini.kvm.diff']);
    expect(readFileSync(file, 'latin1')).toBe(INI);
    expect(json).toMatchObject({
      kind: 'boot.ini',
      input: file,
      params: ['/usepmtimer'],
      rule: {
        source: 'RHEV 3.4 Administration Guide 9.16.3',
        reason: 'Windows guests: add /usepmtimer to the OS entries of boot.ini',
      },
      outcome: 'written',
      exitCode: 0,
      changed: true,
      output: `${file}.kvm`,
      diff: `${file}.kvm.diff`,
      written: true,
      warnings: [],
    });
    expect(json.entries).toEqual([
      {
        index: 0,
        line: 5,
        path: XP,
        description: 'Windows XP',
        oldSwitches: ['/fastdetect'],
        newSwitches: ['/fastdetect', '/usepmtimer'],
        changed: true,
        leftAlone: null,
      },
      {
        index: 1,
        line: 6,
        path: XP,
        description: 'Windows XP (timer)',
        oldSwitches: ['/fastdetect', '/usepmtimer'],
        newSwitches: ['/fastdetect', '/usepmtimer'],
        changed: false,
        leftAlone: '/usepmtimer is already there',
      },
      expect.objectContaining({
        index: 2,
        line: 7,
        changed: false,
        description: 'Recovery Console',
      }),
    ]);
    expect(summary.before.slice(0, 9)).toEqual([
      `fix-clock-drift: ${file} (Windows boot.ini)`,
      '',
      'Rule:       RHEV 3.4 Administration Guide 9.16.3: Windows guests get /usepmtimer on their OS entries',
      '',
      'Entries:',
      `   0 ${XP} "Windows XP"`,
      '       +/usepmtimer',
      `   1 ${XP} "Windows XP (timer)"`,
      '       left alone: /usepmtimer is already there',
    ]);
    expect(summary.before.at(-1)).toBe('');
    expect(summary.after).toEqual([
      `Wrote ${file}.kvm and ${file}.kvm.diff.`,
      '',
      'Next steps (boot.ini has not been touched):',
      `  1. Back up:  cp -p ${file} ${file}.bak`,
      `  2. Review:   less ${file}.kvm.diff   (only /usepmtimer may be added)`,
      `  3. Install:  mv ${file}.kvm ${file}   (on Windows: attrib -r -h -s C:\\boot.ini first, then copy, then attrib +r +h +s C:\\boot.ini)`,
      '  4. Boot the guest and check the clock',
    ]);
  });

  it('--dry-run writes nothing and says what it would write', async () => {
    const { dir, file } = bootIni();
    const { result, summary } = await bootIniTarget.run(
      localAccess(options(file, { dryRun: true })),
    );
    expect(result.outcome).toBe('dry-run');
    expect(readdirSync(dir)).toEqual(['boot.ini']);
    expect(summary.after).toEqual([
      `Dry run: nothing written (would write ${file}.kvm and ${file}.kvm.diff).`,
    ]);
  });

  it('--output - puts the edited file in the result, and no diff path', async () => {
    const { file } = bootIni();
    const r = await prepareBootIni(file, options(file, { output: '-' }));
    expect(r).toMatchObject({ outcome: 'stdout', output: '-', newText: EDITED });
    expect(r.diffPath).toBeUndefined();
    expect(r.patch).toContain(`+++ ${file}.kvm`);
    expect(bootIniSummary(r).after).toEqual([
      'The edited boot.ini went to stdout; nothing was written.',
    ]);
  });

  it('--output and --diff name the files', async () => {
    const { dir, file } = bootIni();
    const out = path.join(dir, 'new.ini');
    const r = await prepareBootIni(file, options(file, { output: out, diff: path.join(dir, 'd') }));
    expect(r).toMatchObject({ outcome: 'ready', output: out, diffPath: path.join(dir, 'd') });
    expect(r.patch.split('\n').slice(1, 3)).toEqual([`--- ${file}`, `+++ ${out}`]);
  });

  it('every entry already has the switch: unchanged, nothing written, and said so', async () => {
    const { dir, file } = bootIni(EDITED);
    const { result, json, summary } = await bootIniTarget.run(localAccess(options(file)));
    expect(result).toMatchObject({ outcome: 'unchanged', changed: false, patch: '' });
    expect(json).toMatchObject({ outcome: 'unchanged', written: false, diff: `${file}.kvm.diff` });
    expect(readdirSync(dir)).toEqual(['boot.ini']);
    expect(summary.after).toEqual([
      'Every OS entry already has /usepmtimer (or cannot take it): nothing to change, nothing written.',
    ]);
  });

  it('a symbolic link is read through, and the warning says so', async () => {
    const { dir, file } = bootIni();
    const link = path.join(dir, 'BOOT.INI');
    symlinkSync('boot.ini', link);
    const r = await prepareBootIni(link, options(link, { dryRun: true }));
    expect(r.warnings).toEqual([`${link} is a symbolic link: read ${file}`]);
    expect(bootIniSummary(r).before).toContain(`  ! ${link} is a symbolic link: read ${file}`);
  });

  it('a binary file, or one without an OS entry, is refused naming the file and the flag', async () => {
    const bin = bootIni('\0\0\0');
    expect(await failure(prepareBootIni(bin.file, options(bin.file)))).toMatch(
      new RegExp(
        `^${escape(bin.file)} is not a usable boot\\.ini: it contains NUL bytes.* \\(check the path given to --boot-ini\\)$`,
      ),
    );
    const none = bootIni(crlf('[boot loader]', 'timeout=30'));
    expect(await failure(prepareBootIni(none.file, options(none.file)))).toMatch(
      new RegExp(
        `^${escape(none.file)}: .*operating systems.* \\(check that it is the guest's boot\\.ini, or give it with --boot-ini\\)$`,
      ),
    );
  });
});

describe('findBootIni', () => {
  it('finds boot.ini in any case, the first in code-unit order', async () => {
    const { dir } = bootIni();
    writeFileSync(path.join(dir, 'BOOT.INI'), INI);
    expect(await findBootIni(dir)).toBe(path.join(dir, 'BOOT.INI'));
  });

  it('a missing root or a root that is a file: none', async () => {
    const { file } = bootIni();
    expect(await findBootIni(path.join(file, 'x'))).toBeUndefined();
    expect(await findBootIni(file)).toBeUndefined();
  });
});
