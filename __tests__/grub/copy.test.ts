/**
 * A GRUB run on a private copy of a remote guest's files (a collector's
 * bundle, or --ssh), in process: the guest's own paths name the config, the
 * outputs, the diff and the steps; a sink on the guest writes the pair, hands
 * it to a writer script, or finds it already there.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGrubConfig } from '../../src/grub/config.js';
import type { RunResult } from '../../src/grub/result.js';
import { grubTarget } from '../../src/grub/target.js';
import { rootSource } from '../../src/facts/sources/root.js';
import { copyAccess, type GuestConfig, type OutputSink } from '../../src/output/guest.js';
import type { OutputPair } from '../../src/output/outputs.js';
import type { Finished } from '../../src/output/target.js';
import type { Options } from '../../src/shared/options.js';
import { ToolError } from '../../src/shared/errors.js';
import { grubOptions } from './options.js';

const ENTRY = 'title RHEL\n\tkernel /vmlinuz-2.6.18-164.el5 ro root=/dev/sda1\n';
const TEXT = `default=0\n${ENTRY}`;
const EDITED = TEXT.replace('root=/dev/sda1', 'root=/dev/sda1 notsc lpj=2394000');
// On the guest /etc/grub.conf is a link to the file that is replaced.
const ON_GUEST: GuestConfig = {
  path: '/etc/grub.conf',
  real: '/boot/grub/grub.conf',
  mode: 0o640,
  uid: 0,
  gid: 0,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The private copy: the guest's real grub.conf (and more files) under a temp root. */
function copyRoot(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-grub-copy-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries({ 'boot/grub/grub.conf': TEXT, ...files })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text, 'latin1');
  }
  return dir;
}

/** A sink that records what it is asked and answers as told. */
function sink(answers: { current?: boolean; write?: 'written' | 'script' }) {
  const asked: { current: OutputPair[]; written: OutputPair[] } = { current: [], written: [] };
  const s: OutputSink = {
    where: 'g1',
    check: () => Promise.resolve(),
    isCurrent: (pair) => (asked.current.push(pair), Promise.resolve(answers.current ?? false)),
    write: (pair) => (asked.written.push(pair), Promise.resolve(answers.write ?? 'written')),
  };
  return { sink: s, asked };
}

function access(root: string, more: Partial<Options> = {}, out?: OutputSink) {
  const config = more.grubConf === undefined ? ON_GUEST : undefined;
  const copy = config ? { name: 'g1', config } : { name: 'g1' };
  return copyAccess(grubOptions({ root, ...more }), rootSource(root), copy, out);
}

async function run(
  root: string,
  more: Partial<Options> = {},
  out?: OutputSink,
): Promise<Finished & { result: RunResult }> {
  return (await grubTarget.run(access(root, more, out))) as Finished & { result: RunResult };
}

describe('reading the copy', () => {
  it('the guest names the config; its mode and owner are the guest file’s, not the copy’s', async () => {
    const root = copyRoot();
    const read = await readGrubConfig(access(root));
    expect(read.inputPath).toBe('g1:/etc/grub.conf');
    expect(read.input).toMatchObject({ mode: 0o640, uid: 0, gid: 0 });
    expect(read.input?.guest).toEqual({ name: 'g1', path: '/etc/grub.conf', real: ON_GUEST.real });
    expect(read.config?.entries).toHaveLength(1);
  });

  it('a collector that found no GRUB config: the error names the guest, and there is no path', async () => {
    const read = await readGrubConfig(
      copyAccess(grubOptions({ root: copyRoot() }), rootSource('/nonexistent'), { name: 'g1' }),
    );
    expect(read).toStrictEqual({
      inputError: new ToolError(
        'g1: its collector found no GRUB legacy config (/boot/grub/grub.conf, /boot/grub/menu.lst or /etc/grub.conf): nothing to edit there',
      ),
    });
  });

  it('default saved: the number is read beside the real file, and named as the guest has it', async () => {
    const root = copyRoot({
      'boot/grub/grub.conf': `default saved\n${ENTRY}${ENTRY}`,
      'boot/grub/default': '1\n',
    });
    const read = await readGrubConfig(access(root));
    expect(read.config?.saved).toEqual({ entry: 1, source: 'g1:/boot/grub/default' });
  });
});

describe('a run from a bundle, written here', () => {
  it('dry run: named after the guest in this directory; the diff names the guest’s files', async () => {
    const f = await run(copyRoot(), { dryRun: true });
    expect(f.result).toMatchObject({
      outcome: 'dry-run',
      output: 'g1.grub.conf.kvm',
      diffPath: 'g1.grub.conf.kvm.diff',
      newText: EDITED,
    });
    expect(f.result.where).toBeUndefined();
    const head = f.result.patch.split('\n').filter((l) => /^(---|\+\+\+) /.test(l));
    expect(head.map((l) => l.split('\t')[0])).toEqual([
      '--- /boot/grub/grub.conf',
      '+++ /boot/grub/grub.conf.kvm',
    ]);
    expect(f.summary.after).toEqual([
      'Dry run: nothing written (would write g1.grub.conf.kvm and g1.grub.conf.kvm.diff).',
    ]);
  });

  it('written: the guest’s mode, then copy to the guest, back up, review, install, reboot, check', async () => {
    const root = copyRoot();
    const output = path.join(root, 'out.kvm');
    const f = await run(root, { output });
    expect(f.result.outcome).toBe('written');
    expect(readFileSync(output, 'latin1')).toBe(EDITED);
    expect(f.summary.after).toEqual([
      `Wrote ${output} and ${output}.diff (mode 0640, as g1:/etc/grub.conf).`,
      '',
      'Next steps, on g1 as root (grub.conf has not been touched):',
      `  0. Copy:     scp ${output} g1:/boot/grub/grub.conf.kvm`,
      `               scp ${output}.diff g1:/boot/grub/grub.conf.kvm.diff`,
      '  1. Back up:  cp -p /boot/grub/grub.conf /boot/grub/grub.conf.bak',
      '  2. Review:   less /boot/grub/grub.conf.kvm.diff   (only the kernel lines listed above may differ)',
      '               diff /boot/grub/grub.conf /boot/grub/grub.conf.kvm',
      '  3. Install:  mv /boot/grub/grub.conf.kvm /boot/grub/grub.conf',
      '  4. Reboot:   reboot',
      '  5. Check:    cat /proc/cmdline   (after boot: the parameters are there)',
    ]);
  });

  it('a second run finds the pair current and writes nothing', async () => {
    const root = copyRoot();
    const output = path.join(root, 'out.kvm');
    await run(root, { output });
    const f = await run(root, { output });
    expect(f.result.outcome).toBe('current');
    expect(f.summary.after).toEqual([
      `${output} and ${output}.diff are already there with exactly this content (a run before made them from the same grub.conf): nothing written.`,
    ]);
  });
});

describe('a run that writes on the guest (a sink)', () => {
  it('written there: the pair goes to the sink beside the real file, and the steps are the guest’s', async () => {
    const { sink: s, asked } = sink({ write: 'written' });
    const f = await run(copyRoot(), {}, s);
    expect(f.result).toMatchObject({
      outcome: 'written',
      where: 'g1',
      output: '/boot/grub/grub.conf.kvm',
      diffPath: '/boot/grub/grub.conf.kvm.diff',
    });
    expect(f.result).not.toHaveProperty('script');
    expect(asked.written).toHaveLength(1);
    expect(asked.written[0]).toMatchObject({ output: '/boot/grub/grub.conf.kvm', content: EDITED });
    // Applied on the guest: the diff's new file is the output itself.
    expect(asked.written[0]?.patch).toContain('+++ /boot/grub/grub.conf.kvm');
    expect(f.summary.after[0]).toBe(
      'Wrote g1:/boot/grub/grub.conf.kvm and g1:/boot/grub/grub.conf.kvm.diff (mode 0640, as g1:/etc/grub.conf).',
    );
    expect(f.summary.after.slice(2)).toEqual([
      'Next steps, on g1 as root (grub.conf has not been touched):',
      '  1. Back up:  cp -p /boot/grub/grub.conf /boot/grub/grub.conf.bak',
      '  2. Review:   less /boot/grub/grub.conf.kvm.diff   (only the kernel lines listed above may differ)',
      '               diff /boot/grub/grub.conf /boot/grub/grub.conf.kvm',
      '  3. Install:  mv /boot/grub/grub.conf.kvm /boot/grub/grub.conf',
      '               or, from here: fix-clock-drift install --ssh g1   (checks the pair, backs up, renames)',
      '  4. Reboot:   reboot',
      '  5. Check:    cat /proc/cmdline   (after boot: the parameters are there)',
      '               or, from here: fix-clock-drift check --ssh g1',
    ]);
  });

  it('already there: current, nothing handed to the sink', async () => {
    const { sink: s, asked } = sink({ current: true });
    const f = await run(copyRoot(), {}, s);
    expect(f.result.outcome).toBe('current');
    expect(asked.current).toHaveLength(1);
    expect(asked.written).toHaveLength(0);
    expect(f.summary.after).toEqual([
      'g1:/boot/grub/grub.conf.kvm and g1:/boot/grub/grub.conf.kvm.diff are already there with exactly this content (a run before made them from the same grub.conf): nothing written.',
    ]);
  });

  it('--emit-writer: the sink made a script; the report says where and that nothing was written', async () => {
    const { sink: s } = sink({ write: 'script' });
    const f = await run(copyRoot(), { emitWriter: '/tmp/out/fix-g1.sh' }, s);
    expect(f.result).toMatchObject({ outcome: 'script', script: '/tmp/out/fix-g1.sh' });
    expect(f.summary.after).toEqual([
      'The writer for g1 is in /tmp/out/fix-g1.sh: run it there as root (an Ansible raw task, or sh fix-g1.sh on the guest) to write /boot/grub/grub.conf.kvm and /boot/grub/grub.conf.kvm.diff beside grub.conf. Nothing was written on the guest yet.',
    ]);
  });

  it('--output: written here, not through the sink, and the steps start by copying', async () => {
    const { sink: s, asked } = sink({});
    const root = copyRoot();
    const output = path.join(root, 'mine.kvm');
    const f = await run(root, { output }, s);
    expect(f.result.outcome).toBe('written');
    expect(f.result.where).toBeUndefined();
    expect(asked.written).toHaveLength(0);
    expect(readFileSync(output, 'latin1')).toBe(EDITED);
    expect(f.summary.after[3]).toBe(`  0. Copy:     scp ${output} g1:/boot/grub/grub.conf.kvm`);
  });
});
