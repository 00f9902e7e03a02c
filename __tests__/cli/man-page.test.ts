/**
 * fix-clock-drift(1): the page the build puts in dist/ is the one the
 * tables render, groff reads it without a warning, man(1) shows it, and
 * every flag and subcommand appears as a reader would type it.
 * Needs groff and man-db (Debian packages).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBCOMMANDS } from '../../src/cli/commands/index.js';
import { EXAMPLES } from '../../src/cli/man-text.js';
import { flagSynopsis, renderManPage } from '../../src/cli/man-page.js';
import { longFlag, OPTIONS } from '../../src/cli/options.js';
import { parseArgs } from '../../src/cli/program.js';
import { roffLiteral, roffPage, roffText } from '../../src/cli/roff.js';
import { REPO } from '../helpers/cli.js';

const PAGE = path.join(REPO, 'dist/fix-clock-drift.1');
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  man: string | string[];
  files: string[];
};

/** Terminal output read as text: bold and underline are overstruck ("c\bc", "_\bc"). */
function plainText(s: string): string {
  // eslint-disable-next-line no-control-regex -- the backspace of overstriking is what is removed
  return s.replace(/.\x08/g, '');
}

/** The page as man(1) shows it on an 80-column terminal, and what it said on stderr. */
function manOutput(): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('man', ['-l', PAGE], {
    encoding: 'utf8',
    env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '80', LANG: 'C.UTF-8' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('dist/fix-clock-drift.1', () => {
  it('is the page the tables render (npm run build renders it)', () => {
    expect(readFileSync(PAGE, 'utf8')).toBe(renderManPage(pkg.version));
  });

  it('is what package.json installs, and is packed', () => {
    expect(pkg.man).toEqual(['dist/fix-clock-drift.1']);
    expect(pkg.files).toContain('dist');
  });

  it('renders with groff -ww -man without a single warning', () => {
    for (const device of ['utf8', 'ascii']) {
      const r = spawnSync('groff', ['-ww', '-man', `-T${device}`, PAGE], { encoding: 'utf8' });
      expect({ device, status: r.status, stderr: r.stderr }).toEqual({
        device,
        status: 0,
        stderr: '',
      });
      expect(plainText(r.stdout)).toContain('EXIT STATUS');
    }
  });

  it('man -l shows it: every section, flag and subcommand, with hyphens a shell takes', () => {
    const r = manOutput();
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    // man formats for a terminal: bold is "c\bc"; read it as text.
    const text = plainText(r.stdout);
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'COMMANDS']) {
      expect(text).toMatch(new RegExp(`^${section}$`, 'm'));
    }
    for (const section of ['EXIT STATUS', 'FILES', 'EXAMPLES', 'SEE ALSO']) {
      expect(text).toMatch(new RegExp(`^${section}$`, 'm'));
    }
    for (const o of OPTIONS) expect(text).toMatch(new RegExp(`^ {7}${longFlag(o)}\\b`, 'm'));
    for (const c of SUBCOMMANDS) {
      expect(text).toMatch(new RegExp(`^ {3}${c.name}$`, 'm'));
      expect(text).toContain(`fix-clock-drift ${c.name} [options]`);
      for (const f of c.flags) expect(text).toContain(longFlag(f));
    }
    // Copied from the page into a shell, a flag must still be a flag.
    expect(text).not.toMatch(/[\u2010\u2212]/);
  });

  it('every example is a command line the tool accepts', () => {
    for (const e of EXAMPLES) {
      const parsed = parseArgs(e.args);
      expect({ args: e.args, kind: parsed.kind }).toEqual({
        args: e.args,
        kind: SUBCOMMANDS.some((c) => c.name === e.args[0]) ? 'subcommand' : 'run',
      });
    }
  });
});

describe('roff escaping', () => {
  it("a text line starting with . or ' is not read as a request", () => {
    expect(roffPage(['.hidden', "'also", 'plain'])).toBe("\\&.hidden\n\\&'also\nplain\n");
  });

  it('backslashes are printed, not escapes', () => {
    expect(roffText('C:\\boot.ini')).toBe('C:\\eboot.ini');
    expect(roffLiteral('a\\b')).toBe('a\\eb');
  });

  it('hyphens of flags, paths and names are \\-, those of compound words stay', () => {
    const literals = new Set(['fix-clock-drift', 'host-check']);
    expect(roffText('use --dry-run, read-only; 2.6.18-164.el5 (zero-based)', literals)).toBe(
      'use \\-\\-dry\\-run, read-only; 2.6.18\\-164.el5 (zero-based)',
    );
    expect(roffText('run fix-clock-drift host-check.', literals)).toBe(
      'run fix\\-clock\\-drift host\\-check.',
    );
    expect(flagSynopsis('-h, --help')).toBe('\\fB\\-h\\fR, \\fB\\-\\-help\\fR');
    expect(flagSynopsis('--root <dir>')).toBe('\\fB\\-\\-root\\fR \\fIdir\\fR');
  });

  it('non-ASCII characters become groff escapes, so the source needs no preconv', () => {
    expect(roffText('été — ≥')).toBe('\\[u00E9]t\\[u00E9] \\[u2014] \\[u2265]');
  });

  it('refuses a blank text line (it would be a blank line of output)', () => {
    expect(() => roffPage(['a', ' '])).toThrow(/blank text line/);
  });
});
