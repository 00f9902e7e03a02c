import { editEntries } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';
import { unifiedDiff } from '../../src/output/diff.js';
import { withProvenance } from '../../src/output/provenance.js';
import { verifyInstall, type InstallFiles } from '../../src/install/verify.js';
import { backupName, listBackups, stamp } from '../../src/install/backups.js';

const OLD = [
  'default=0',
  'timeout=5',
  'title CentOS (2.6.18-128.el5PAE)',
  '\troot (hd0,0)',
  '\tkernel /vmlinuz-2.6.18-128.el5PAE ro root=/dev/VolGroup00/LogVol00 rhgb quiet',
  '\tinitrd /initrd-2.6.18-128.el5PAE.img',
  '',
].join('\r\n');

/** The pair and diff a run writes, as the run makes them (edit, diff, provenance line). */
async function made(old: string, params: string[]): Promise<{ kvm: string; diff: string }> {
  const config = parseGrubConfig(old);
  const before = config.lines.slice();
  const edits = editEntries(config, config.entries, params);
  const kvm = serializeGrubConfig(config);
  const patch = unifiedDiff(
    before,
    config.lines,
    edits.map((e) => e.line),
    'grub.conf',
    'grub.conf.kvm',
  );
  const diff = await withProvenance(
    patch,
    { name: 'grub.conf', bytes: Buffer.from(old, 'latin1') },
    'grub.conf.kvm',
  );
  return { kvm, diff };
}

function files(conf: string, kvm: string, diff: string): InstallFiles {
  return {
    conf: { name: 'grub.conf', bytes: Buffer.from(conf, 'latin1') },
    kvm: { name: 'grub.conf.kvm', bytes: Buffer.from(kvm, 'latin1') },
    diff: { name: 'grub.conf.kvm.diff', bytes: Buffer.from(diff, 'latin1') },
  };
}

describe('verifyInstall', () => {
  it('accepts the pair a run made, with what it adds and the checksum it was made from', async () => {
    const { kvm, diff } = await made(OLD, ['clocksource=acpi_pm']);
    const v = await verifyInstall(files(OLD, kvm, diff));
    expect(v.changes).toMatchObject([{ line: 5, added: ['clocksource=acpi_pm'] }]);
    expect(v.provenance).toMatchObject({ bytes: OLD.length, input: 'grub.conf' });
  });

  it('refuses a grub.conf changed since, naming the first line that changed and both checksums', async () => {
    const { kvm, diff } = await made(OLD, ['clocksource=acpi_pm']);
    const now = OLD.replace('timeout=5', 'timeout=15');
    await expect(verifyInstall(files(now, kvm, diff))).rejects.toThrow(
      /^refusing to install: grub\.conf changed since grub\.conf\.kvm was made: it is \d+ bytes \(sha256 [0-9a-f]{12}\.\.\.\), grub\.conf\.kvm\.diff records \d+ bytes \(sha256 [0-9a-f]{12}\.\.\.\); first difference at line 2: it was "timeout=5", it is now "timeout=15": run fix-clock-drift again/,
    );
  });

  it('refuses a changed grub.conf even when the change is on the edited line', async () => {
    const { kvm, diff } = await made(OLD, ['clocksource=acpi_pm']);
    const now = OLD.replace('rhgb quiet', 'rhgb');
    await expect(verifyInstall(files(now, kvm, diff))).rejects.toThrow(
      /changed since grub\.conf\.kvm was made: .*first difference at line 5/,
    );
  });

  it('refuses grub.conf.kvm when it is not what the diff shows, though only a parameter differs', async () => {
    const { kvm, diff } = await made(OLD, ['clocksource=acpi_pm']);
    await expect(verifyInstall(files(OLD, kvm.replace('acpi_pm', 'tsc'), diff))).rejects.toThrow(
      /^refusing to install: grub\.conf\.kvm is not what grub\.conf\.kvm\.diff \(the diff to review\) shows: line 5 is ".*clocksource=tsc" in grub\.conf\.kvm, the diff gives ".*clocksource=acpi_pm"/,
    );
  });

  it('refuses a diff without its provenance line, and one that is not of this pair', async () => {
    const { kvm, diff } = await made(OLD, ['clocksource=acpi_pm']);
    const bare = diff.slice(diff.indexOf('\n') + 1);
    await expect(verifyInstall(files(OLD, kvm, bare))).rejects.toThrow(
      /does not start with the line "# fix-clock-drift: \.\.\. made from \.\.\."/,
    );
    const other = await made(OLD, ['notsc']);
    await expect(verifyInstall(files(OLD, kvm, other.diff))).rejects.toThrow(
      /grub\.conf\.kvm is not what grub\.conf\.kvm\.diff .* shows/,
    );
  });
});

describe('backup names', () => {
  it('are the UTC time to the second, with -N when that name is taken', () => {
    const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(stamp(when)).toBe('20240102-030405');
    expect(backupName('grub.conf', when, [])).toBe('grub.conf.bak-20240102-030405');
    expect(
      backupName('grub.conf', when, [
        'grub.conf.bak-20240102-030405',
        'grub.conf.bak-20240102-030405-1',
      ]),
    ).toBe('grub.conf.bak-20240102-030405-2');
  });

  it('sort newest first, and other names are not backups', () => {
    expect(
      listBackups('grub.conf', [
        'grub.conf.bak-20240102-030405',
        'grub.conf.bak-20231231-235959',
        'grub.conf.bak-20240102-030405-2',
        'grub.conf.bak-20240102-030405-1',
        'grub.conf.bak',
        'grub.conf.bak-x',
        'menu.lst.bak-20250101-000000',
        'grub.conf.kvm',
      ]),
    ).toEqual([
      'grub.conf.bak-20240102-030405-2',
      'grub.conf.bak-20240102-030405-1',
      'grub.conf.bak-20240102-030405',
      'grub.conf.bak-20231231-235959',
    ]);
  });
});
