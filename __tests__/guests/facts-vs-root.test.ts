import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, runCli } from '../helpers/cli.js';
import {
  LINUX_SAMPLES,
  ODD,
  decisions,
  liveKernel,
  modeOwner,
  oddCopy,
  removeScratch,
  scratch,
  type LiveKernel,
  type Report,
} from './helpers.js';

/**
 * Every Linux sample read from the bundle the real collector printed on it
 * (`fix-clock-drift collector` under dash, uname and dmesg answering as the
 * sample's default kernel) decides and writes what --root decides and
 * writes on the same files.
 */

let collector: string;
beforeAll(() => {
  const r = runCli(['collector']);
  expect(r.code).toBe(0);
  collector = r.stdout;
});
afterAll(removeScratch);

/** Runs the collector on a root under dash as the guest's root user would, its uname and dmesg faked first on PATH. */
function collect(root: string, k: LiveKernel, hostname: string | undefined): Buffer {
  const bin = path.join(scratch(), 'bin');
  mkdirSync(bin);
  const n = hostname === undefined ? 'exit 1' : `echo ${hostname}`;
  writeFileSync(
    path.join(bin, 'uname'),
    `#!/bin/sh\ncase "$1" in -r) echo ${k.release} ;; -m) echo ${k.machine} ;; -n) ${n} ;; *) echo Linux ;; esac\n`,
    { mode: 0o755 },
  );
  writeFileSync(path.join(bin, 'dmesg.txt'), k.dmesg);
  writeFileSync(path.join(bin, 'dmesg'), `#!/bin/sh\ncat '${bin}/dmesg.txt'\n`, { mode: 0o755 });
  const r = spawnSync('dash', ['-s'], {
    input: collector,
    env: { PATH: `${bin}:/usr/bin:/bin`, FCD_ROOT: root },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** A sample's copy with the odd owner and mode on grub.conf, and its bundle. */
async function prepared(sample: string, hostname: string | undefined) {
  const root = oddCopy(sample);
  const bundle = collect(root, await liveKernel(sample), hostname);
  return { root, grub: path.join(root, 'boot/grub'), bundle };
}

function outputsOf(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.includes('.kvm'));
}

describe.each(LINUX_SAMPLES)('%s', (sample) => {
  test('--facts FILE decides and writes (here, named after the guest) what --root does', async () => {
    const alias = `g-${sample}`;
    const { root, grub, bundle } = await prepared(sample, alias);
    const work = scratch();
    writeFileSync(path.join(work, 'guest.facts'), bundle);

    // The bundle is unpacked in TMPDIR and removed: nothing is left there.
    const tmp = scratch();
    const f = runCli(['--facts', 'guest.facts', '--yes', '--json'], {
      cwd: work,
      env: { TMPDIR: tmp },
    });
    expect(readdirSync(tmp)).toEqual([]);
    const l = runCli(['--root', root, '--yes', '--json']);
    expect(f.stderr).toBe('');
    expect(l.stderr).toBe('');
    expect(f.code).toBe(l.code);
    const fr = JSON.parse(f.stdout) as Report;
    const lr = JSON.parse(l.stdout) as Report;
    expect(fr.input).toBe(`${alias}:/boot/grub/grub.conf`);
    expect(decisions(fr, `${alias}:`)).toEqual(decisions(lr, root));

    if (lr.outcome !== 'written') {
      expect(fr.outcome).toBe(lr.outcome);
      expect(outputsOf(work)).toEqual([]);
      expect(outputsOf(grub)).toEqual([]);
      return;
    }
    expect(fr.output).toBe(`${alias}.grub.conf.kvm`);
    expect(fr.diff).toBe(`${alias}.grub.conf.kvm.diff`);
    expect(outputsOf(work).sort()).toEqual([fr.output, fr.diff]);
    const kvm = readFileSync(path.join(work, fr.output as string));
    expect(kvm).toEqual(readFileSync(path.join(grub, 'grub.conf.kvm')));
    // The --facts diff names the guest's paths, the --root one this machine's.
    const diff = readFileSync(path.join(work, fr.diff as string), 'latin1');
    expect(diff).toMatch(
      /^# fix-clock-drift: \/boot\/grub\/grub\.conf\.kvm made from \/boot\/grub/,
    );
    expect(diff).toBe(
      readFileSync(path.join(grub, 'grub.conf.kvm.diff'), 'latin1').split(root).join(''),
    );
    expect(
      applyWithPatch(path.join(grub, 'grub.conf'), path.join(work, fr.diff as string)),
    ).toEqual(kvm);
    // Written here with the guest's grub.conf mode.
    expect(modeOwner(path.join(work, fr.output as string)).split(' ')[0]).toBe(
      ODD.mode.toString(8),
    );
  });
});

test('--facts - reads the bundle from stdin; a guest without a name gives "guest.*" here', async () => {
  const sample = 'rhel5.4-i686-nokvmclock';
  const named = await prepared(sample, 'g54');
  const work = scratch();
  const r = runCli(['--facts', '-', '--yes'], { cwd: work, input: named.bundle });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Wrote g54.grub.conf.kvm and g54.grub.conf.kvm.diff');
  expect(r.stdout).toContain('scp g54.grub.conf.kvm g54:/boot/grub/grub.conf.kvm');
  const fromFile = scratch();
  writeFileSync(path.join(fromFile, 'g54.facts'), named.bundle);
  expect(runCli(['--facts', 'g54.facts', '--yes'], { cwd: fromFile }).code).toBe(0);
  for (const f of ['g54.grub.conf.kvm', 'g54.grub.conf.kvm.diff'])
    expect(readFileSync(path.join(work, f))).toEqual(readFileSync(path.join(fromFile, f)));

  const nameless = await prepared(sample, undefined);
  const anon = scratch();
  const a = runCli(['--facts', '-', '--yes', '--json'], { cwd: anon, input: nameless.bundle });
  expect(a.stderr).toBe('');
  const report = JSON.parse(a.stdout) as Report;
  expect(report).toMatchObject({
    outcome: 'written',
    input: 'guest:/boot/grub/grub.conf',
    output: 'guest.grub.conf.kvm',
    diff: 'guest.grub.conf.kvm.diff',
  });
  expect(readFileSync(path.join(anon, 'guest.grub.conf.kvm'))).toEqual(
    readFileSync(path.join(work, 'g54.grub.conf.kvm')),
  );
});

test('a cut bundle is refused in one line naming the file as given (or stdin); nothing written', async () => {
  const { bundle } = await prepared('rhel4.8-i686', 'g48');
  const work = scratch();
  const cut = bundle.subarray(0, Math.floor(bundle.length / 2));
  writeFileSync(path.join(work, 'g48.facts'), cut);
  const file = path.join(work, 'g48.facts');
  for (const [args, input, name] of [
    [['--facts', file], '', file],
    [['--facts', '-'], cut, 'stdin'],
  ] as const) {
    const r = runCli([...args, '--yes', '--json'], { cwd: work, input });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^fix-clock-drift: bundle ${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: truncated after record \\d+.*: collect it again\\n$`,
      ),
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ exitCode: 1, error: r.stderr.slice(17, -1) });
  }
  expect(readdirSync(work)).toEqual(['g48.facts']);
});
