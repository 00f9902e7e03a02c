import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, tempDir } from '../helpers/cli.js';

const DEPCRUISE = path.join(REPO, 'node_modules/.bin/depcruise');

/** A copy of src/ and the rules, with node_modules linked, to break on purpose. */
function scratchTree(): string {
  const dir = tempDir('fcd-arch-');
  cpSync(path.join(REPO, 'src'), path.join(dir, 'src'), { recursive: true });
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json'])
    cpSync(path.join(REPO, f), path.join(dir, f));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function cruise(cwd: string): { code: number | null; out: string } {
  const r = spawnSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs'], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|sh)$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

describe('the stage order of src/ (npm run lint runs the same check)', () => {
  it('holds for the tree as it is', () => {
    const r = cruise(REPO);
    expect(r.out).toContain('no dependency violations found');
    expect(r.code).toBe(0);
  });

  it('fails when a stage imports upward, into cli/', () => {
    const dir = scratchTree();
    writeFileSync(
      path.join(dir, 'src/plan/upward.ts'),
      "import { OPTIONS } from '../cli/options.js';\nexport const n = OPTIONS.length;\n",
    );
    const r = cruise(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/stage-order-plan: src\/plan\/upward\.ts → src\/cli\/options\.ts/);
  });

  it('fails on a cycle, and on a folder with no place in the order', () => {
    const dir = scratchTree();
    writeFileSync(
      path.join(dir, 'src/rules/a.ts'),
      "import { b } from './b.js';\nexport const a = b;\n",
    );
    writeFileSync(
      path.join(dir, 'src/rules/b.ts'),
      "import { a } from './a.js';\nexport const b = () => a;\n",
    );
    mkdirSync(path.join(dir, 'src/misc'));
    writeFileSync(
      path.join(dir, 'src/misc/x.ts'),
      "import { VERSION } from '../shared/version.js';\nexport const x = VERSION;\n",
    );
    const r = cruise(dir);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('no-cycles');
    expect(r.out).toContain('known-folders-only: src/misc/x.ts');
  });

  it('keeps every source file at 300 lines or fewer', () => {
    const long = sourceFiles(path.join(REPO, 'src'))
      .map((f) => ({
        f: path.relative(REPO, f),
        n: readFileSync(f, 'utf8').split('\n').length - 1,
      }))
      .filter(({ n }) => n > 300);
    expect(long).toEqual([]);
  });
});
