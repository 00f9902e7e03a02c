/**
 * SLOW (about 10-60 s, mostly npm fetching the runtime dependencies): the
 * package as a user gets it. `npm pack` (of the dist/ that `npm test`'s
 * pretest built; a real pack builds it in prepack), `npm install -g` of the
 * tarball into an empty prefix, then the installed command is run from
 * outside the repository: --version, --help, a flag-mode run on a copied
 * sample, collector, completion, and man finds its page.
 *
 * npm installs the runtime dependencies from the npm registry, from the cache
 * where it can (--prefer-offline): --offline cannot work, since `npm ci`
 * caches the tarballs but not the registry documents a global install
 * resolves versions with.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { copySample, REPO, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The environment without what `npm test` sets for its scripts (npm_config_prefix ...). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)),
  ) as NodeJS.ProcessEnv;
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const r: SpawnSyncReturns<string> = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? cleanEnv(),
    encoding: 'utf8',
    input: '',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = tempDir('fcd-pack-');
const prefix = path.join(work, 'prefix');
const bin = path.join(prefix, 'bin/fix-clock-drift');
const installed = path.join(prefix, 'lib/node_modules', pkg.name);
const elsewhere = tempDir('fcd-elsewhere-');
let tarball = '';

beforeAll(() => {
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: REPO });
  expect({ code: pack.code, stderr: pack.stderr }).toMatchObject({ code: 0 });
  tarball = path.join(work, pack.stdout.trim().split('\n').pop() as string);
  const install = run(
    'npm',
    ['install', '-g', tarball, '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: work },
  );
  expect({ code: install.code, stderr: install.stderr.replace(/^npm warn .*\n/gm, '') }).toEqual({
    code: 0,
    stderr: '',
  });
  // npm's registry fetches take most of the time; the rest runs in seconds.
}, 240_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe('the packed and installed package', () => {
  it('holds the bundles, the man page, LICENSE and README, and no sources or tests', () => {
    const list = run('tar', ['-tzf', tarball], { cwd: work }).stdout.split('\n').filter(Boolean);
    expect(list).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/dist/fix-clock-drift.js',
        'package/dist/fix-clock-drift.1',
        'package/LICENSE',
        'package/README.md',
      ]),
    );
    // The lazily loaded parts (the main run, subcommands, the wizard) as chunks.
    expect(
      list.filter((f) => /^package\/dist\/chunks\/[\w-]+\.js$/.test(f)).length,
    ).toBeGreaterThan(1);
    expect(
      list.filter((f) => /^package\/(src|__tests__|scripts|samples|node_modules)\//.test(f)),
    ).toEqual([]);
  });

  it('installed the runtime dependencies and none of the development ones', () => {
    const modules = readdirSync(path.join(installed, 'node_modules'));
    const top = (name: string): string => name.split('/')[0] as string;
    for (const dep of Object.keys(pkg.dependencies)) expect(modules).toContain(top(dep));
    const dev = Object.keys(pkg.devDependencies).filter((d) => !(d in pkg.dependencies));
    expect(dev.filter((d) => existsSync(path.join(installed, 'node_modules', d)))).toEqual([]);
  });

  it('--version and --help', () => {
    const v = run(bin, ['--version'], { cwd: elsewhere });
    expect(v.code).toBe(0);
    expect(v.stdout.split('\n')[0]).toBe(`fix-clock-drift ${pkg.version}`);
    expect(v.stdout).toMatch(/^rules: rhev-3\.4 \(RHEV 3\.4 Administration Guide 9\.16\.3\)$/m);
    const h = run(bin, ['--help'], { cwd: elsewhere });
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: fix-clock-drift \[options\]/);
  });

  it('a flag-mode run on a copied sample writes grub.conf.kvm and its diff', () => {
    const { root, grubConf } = copySample('rhel5.4-x86_64');
    const before = readFileSync(grubConf);
    const args = ['--root', root, '--release', '5.4', '--arch', 'x86_64', '--no-pvclock'];
    const r = run(bin, [...args, '--lpj', '2394000', '--yes'], { cwd: elsewhere });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const kvm = readFileSync(`${grubConf}.kvm`, 'latin1');
    expect(kvm).toMatch(/^\s*kernel \S+ .* notsc lpj=2394000$/m);
    expect(readFileSync(`${grubConf}.kvm.diff`, 'latin1')).toContain('+\tkernel ');
    expect(readFileSync(grubConf)).toEqual(before);
  });

  it('collector prints the guest-side script; completion prints a bash script', () => {
    const c = run(bin, ['collector'], { cwd: elsewhere });
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^#!\/bin\/sh\n/);
    const b = run(bin, ['completion', 'bash'], { cwd: elsewhere });
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('complete -F _fix_clock_drift fix-clock-drift');
  });

  it('man finds fix-clock-drift(1) under the prefix and shows it', () => {
    const env = cleanEnv({ MANPATH: path.join(prefix, 'share/man'), MANPAGER: 'cat' });
    // npm links share/man/man1/fix-clock-drift.1 to the packed page.
    const link = path.join(prefix, 'share/man/man1/fix-clock-drift.1');
    expect(realpathSync(link)).toBe(realpathSync(path.join(installed, 'dist/fix-clock-drift.1')));
    const where = run('man', ['-w', 'fix-clock-drift'], { cwd: elsewhere, env });
    expect({ code: where.code, stderr: where.stderr }).toEqual({ code: 0, stderr: '' });
    expect(realpathSync(where.stdout.trim())).toBe(realpathSync(link));
    const page = run('man', ['fix-clock-drift'], { cwd: elsewhere, env });
    expect({ code: page.code, stderr: page.stderr }).toEqual({ code: 0, stderr: '' });
    expect(page.stdout).toContain('fix-clock-drift - write the kernel parameters');
  });
});
