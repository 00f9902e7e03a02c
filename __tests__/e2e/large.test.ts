import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectSameBytes } from '../helpers/bytes.js';
import { applyWithPatch, runCli, tempDir } from '../helpers/cli.js';

// Above 2 MB the CLI re-executes itself with a smaller young generation
// (src/cli/relaunch.ts): the result, the exit codes and the files must be
// exactly those of a run that did not.
function bigConf(entries: number): string {
  const dir = tempDir();
  const lines = ['default=0', 'timeout=5'];
  for (let i = 0; i < entries; i++) {
    lines.push(
      `title RHEL (2.6.18-${i}.el5)`,
      '\troot (hd0,0)',
      `\tkernel /vmlinuz-2.6.18-${i}.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet`,
      `\tinitrd /initrd-2.6.18-${i}.el5.img`,
    );
  }
  const file = path.join(dir, 'grub.conf');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const FACTS = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

describe('a config large enough to be re-executed', () => {
  const file = bigConf(20000);

  it('is over the 2 MB threshold', () => {
    expect(readFileSync(file).length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('writes the same pair, which patch reproduces', () => {
    const r = runCli([...FACTS, '--grub-conf', file, '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.changed).toBe(true);
    expect(rep.entries).toHaveLength(20000);
    expect(rep.entries[19999].newArgs.slice(-2)).toEqual(['notsc', 'lpj=2394000']);
    expectSameBytes(applyWithPatch(file, `${file}.kvm.diff`), readFileSync(`${file}.kvm`));
  });

  it('passes on the exit code of a usage error', () => {
    const r = runCli([...FACTS, '--grub-conf', file, '--entries', '20000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--entries 20000: .* has 20000 entries, numbered 0 to 19999/);
  });
});
