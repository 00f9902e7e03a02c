/**
 * prepare (src/grub/prepare.ts) in process, short of writing: which outcome
 * a mix of entries gives, what it warns about, which facts it decides with
 * when the wizard hands it an inspection, and the names in the diff.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from '../../src/grub/inspect.js';
import { prepare } from '../../src/grub/prepare.js';
import type { Inspection } from '../../src/grub/result.js';
import type { DetectedFacts } from '../../src/facts/detect/types.js';
import { localAccess } from '../../src/output/guest.js';
import type { Options } from '../../src/shared/options.js';
import { grubOptions } from './options.js';

const K5 = '/vmlinuz-2.6.18-164.el5';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function conf(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-prepare-'));
  dirs.push(dir);
  const file = path.join(dir, 'grub.conf');
  writeFileSync(file, text, 'latin1');
  return file;
}

const prep = (file: string, more: Partial<Options> = {}, given?: Inspection) =>
  prepare(localAccess(grubOptions({ grubConf: file, ...more })), given);

describe('the outcome of a mix of entries', () => {
  it('one entry left alone and one already done: not edited, and only the done one’s parameters', async () => {
    const file = conf(
      `title Q\n\tkernel ${K5} ro a="b\ntitle D\n\tkernel ${K5} ro notsc lpj=2394000\n`,
    );
    const r = await prep(file);
    expect(r.outcome).toBe('not-edited');
    expect(r.params).toEqual(['notsc', 'lpj=2394000']);
    expect(r.warnings.join('\n')).not.toContain('kernel lines');
  });

  it('per entry, one needing nothing and one already done: unchanged, not no-params', async () => {
    const file = conf(
      `title Old\n\tkernel /vmlinuz-2.4.21-63.EL ro\ntitle D\n\tkernel ${K5} ro notsc lpj=2394000\n`,
    );
    const r = await prep(file, { perEntry: true, release: undefined });
    expect(r.plans.map((p) => p.params)).toEqual([[], ['notsc', 'lpj=2394000']]);
    expect(r.outcome).toBe('unchanged');
  });

  it('a line the kernel would cut is not edited: the limit of its kernel is applied', async () => {
    const long = `x=${'a'.repeat(240)}`;
    const r = await prep(conf(`title L\n\tkernel ${K5} ro ${long}\n`), { dryRun: true });
    expect(r.outcome).toBe('not-edited');
    expect(r.edits[0]?.skipped).toMatch(/^its command line would be 263 bytes, more than the 255 /);
  });

  it('a line already past the limit and not changed: a warning names what the kernel never sees', async () => {
    const long = `x=${'a'.repeat(250)}`;
    const r = await prep(conf(`title L\n\tkernel ${K5} ro ${long} notsc lpj=2394000\n`));
    expect(r.outcome).toBe('unchanged');
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^entry 0: its command line is 273 bytes, more than the 255 its kernel keeps \(RHEL 5 kernels: .*\): the kernel never sees notsc lpj=2394000; remove arguments/,
      ),
    ]);
  });
});

describe('what a prepared run names and carries', () => {
  it('a symbolic link is read through, and the warning says so', async () => {
    const file = conf(`title A\n\tkernel ${K5} ro\n`);
    const link = path.join(path.dirname(file), 'menu.lst');
    symlinkSync(file, link);
    const r = await prep(link, { dryRun: true });
    expect(r.warnings).toContain(`${link} is a symbolic link: read ${file}`);
    expect(r.output).toBe(`${file}.kvm`);
  });

  it('--output elsewhere: the diff’s new file is that output', async () => {
    const file = conf(`title A\n\tkernel ${K5} ro\n`);
    const output = path.join(path.dirname(file), 'elsewhere.kvm');
    const r = await prep(file, { output, dryRun: true });
    expect(r.patch).toContain(`+++ ${output}`);
    expect(r).toMatchObject({ outcome: 'dry-run', output, diffPath: `${output}.diff` });
  });

  it('--output -: no diff path at all, and no writer script', async () => {
    const r = await prep(conf(`title A\n\tkernel ${K5} ro\n`), { output: '-' });
    expect(r.outcome).toBe('stdout');
    expect(r).not.toHaveProperty('diffPath');
    expect(r).not.toHaveProperty('script');
    expect(r).not.toHaveProperty('where');
    expect(r).not.toHaveProperty('ruleNote');
  });
});

describe('an inspection handed over (the wizard)', () => {
  it('the facts are merged again from the options, which the wizard’s answers changed', async () => {
    const file = conf(`title A\n\tkernel ${K5} ro\n`);
    const given = await inspect(localAccess(grubOptions({ grubConf: file })));
    expect(given.facts.release.value).toBe('5.4');
    const r = await prep(file, { release: '5.3', dryRun: true }, given);
    expect(r.facts.release).toEqual({ value: '5.3', source: '--release' });
    expect(r.params).toEqual(['notsc']);
  });

  function detected(over: Partial<DetectedFacts>): DetectedFacts {
    const unknown = { value: undefined, source: 'not looked at' };
    return new Proxy(over, {
      get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? unknown,
    }) as DetectedFacts;
  }

  it('a guest detected as Debian: not RHEL, nothing decided, nothing read', async () => {
    const file = conf(`title A\n\tkernel ${K5} ro\n`);
    const base = await inspect(localAccess(grubOptions({ grubConf: file })));
    const given: Inspection = {
      ...base,
      detected: detected({
        family: { value: 'debian', source: 'etc/os-release' },
        distro: { value: 'Debian 12', source: 'etc/os-release' },
      }),
    };
    const r = await prep(file, { release: undefined, arch: undefined }, given);
    expect(r).toMatchObject({
      outcome: 'not-rhel',
      params: [],
      plans: [],
      edits: [],
      changed: false,
      newText: '',
      patch: '',
    });
    expect(r.warnings).toEqual([
      'not a RHEL guest (Debian 12, from etc/os-release): no parameters from the RHEL tables',
    ]);
  });

  it('a guest detected on VMware: the rule-set note says which tables are used', async () => {
    const file = conf(`title A\n\tkernel ${K5} ro\n`);
    const base = await inspect(localAccess(grubOptions({ grubConf: file })));
    const given: Inspection = {
      ...base,
      detected: detected({ hypervisor: { value: 'vmware', source: 'DMI' } }),
    };
    const r = await prep(file, { release: '5.3', arch: 'x86', dryRun: true }, given);
    expect(r.ruleNote).toMatch(/^the guest runs on VMware \(DMI\): the KVM tables do not apply/);
  });
});
