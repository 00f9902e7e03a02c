import path from 'node:path';
import { copySample, outputsIn, runCli, SAMPLES } from '../helpers/cli.js';

describe('flags that do not apply to the run are refused, not ignored', () => {
  it('a boot.ini run refuses GRUB-only flags, naming each, and writes nothing', () => {
    const { root } = copySample('windows-xp');
    const ini = path.join(root, 'boot.ini');
    const r = runCli([
      '--boot-ini',
      ini,
      '--params',
      'notsc',
      '--per-entry',
      '--rules',
      'rhel6-guide',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'fix-clock-drift: --params, --rules, --per-entry do not apply to a Windows boot.ini run (it only adds /usepmtimer): drop them\n',
    );
    expect(outputsIn(root)).toEqual([]);
  });

  it('a Windows disk given as --root is a boot.ini run too', () => {
    const { root } = copySample('windows-2003');
    const r = runCli(['--root', root, '--release', '5.4', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--release does not apply to a Windows boot.ini run');
    expect(outputsIn(root)).toEqual([]);
  });

  it('a GRUB run refuses --boot-ini', () => {
    const { grubConf } = copySample('rhel5.4-x86_64');
    const r = runCli(['--grub-conf', grubConf, '--boot-ini', '/x/boot.ini', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--boot-ini does not apply to a GRUB legacy run (grub.conf)');
  });

  it('--list-rules takes no run flags', () => {
    const r = runCli(['--list-rules', '--root', path.join(SAMPLES, 'rhel5.4-x86_64')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--root does not apply to --list-rules');
    expect(runCli(['--list-rules', '--json', '--debug']).code).toBe(0);
  });

  it('the flags a boot.ini run does take still work', () => {
    const { root } = copySample('windows-xp');
    const r = runCli(['--root', root, '--dry-run', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'boot.ini', outcome: 'dry-run' });
  });
});
