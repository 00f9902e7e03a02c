import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, copySample, REPO, runCli } from '../helpers/cli.js';

// Each sample with the flags that describe it; the expected grub.conf.kvm and
// diff were reviewed by hand and are kept in expected/ (diff headers use
// relative names, so the run happens inside the copy's boot/grub).
const CASES: [string, string[]][] = [
  ['rhel5.4-x86_64', ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000']],
  ['rhel4.8-i686', ['--release', '4.8', '--arch', 'i686']],
  ['rhel5.3-i686-crlf', ['--release', '5.3', '--arch', 'i686']],
];

const expected = (name: string): Buffer =>
  readFileSync(path.join(REPO, '__tests__/golden/expected', name));

describe('golden outputs on the samples', () => {
  it.each(CASES)('%s', (sample, flags) => {
    const { grubConf } = copySample(sample);
    const dir = path.dirname(grubConf);
    const r = runCli([...flags, '--grub-conf', 'grub.conf'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = readFileSync(path.join(dir, 'grub.conf.kvm'));
    expect(out).toEqual(expected(`${sample}.kvm`));
    expect(readFileSync(path.join(dir, 'grub.conf.kvm.diff'))).toEqual(expected(`${sample}.diff`));
    expect(applyWithPatch(grubConf, path.join(dir, 'grub.conf.kvm.diff'))).toEqual(out);
    expect(readFileSync(grubConf)).toEqual(
      readFileSync(path.join(REPO, 'samples', sample, 'boot/grub/grub.conf')),
    );
  });
});
