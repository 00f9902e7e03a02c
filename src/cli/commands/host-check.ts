import { promises as fsp } from 'node:fs';
import { EXIT_OK, UsageError } from '../../shared/errors.js';
import type { Subcommand } from './types.js';

/** A host root to check must be a directory with something in it. */
async function checkRoot(root: string): Promise<void> {
  const names = await fsp.readdir(root).catch(() => undefined);
  if (names === undefined)
    throw new UsageError(
      `--root ${root}: not a directory (give the host's root, or a mounted host disk)`,
    );
  if (names.length === 0)
    throw new UsageError(
      `--root ${root}: the directory is empty (is the host disk mounted there?)`,
    );
}

/** `fix-clock-drift host-check`: the KVM host's side of the seed document, read-only. */
export const hostCheck: Subcommand = {
  name: 'host-check',
  summary: "check the KVM host's timekeeping: constant_tsc, C-states, cpufreq, NTP (read-only)",
  description:
    "Checks a KVM host's timekeeping (constant_tsc, C-states, cpufreq, NTP) as the RHEV 3.4 guide 9.16.3 advises; read-only.",
  exitStatus: '0 checked (findings are in the report), 1 failure, 2 usage error.',
  flags: [
    {
      flags: '--root <dir>',
      description: "host filesystem root to check (a mounted host disk: then nothing is 'running')",
      defaultText: '/',
    },
    { flags: '--json', description: 'print a machine-readable report on stdout instead of prose' },
  ],
  async run(values) {
    const root = typeof values.root === 'string' ? values.root : '/';
    if (values.root !== undefined) await checkRoot(root);
    const { checkHost, hostReportJson, renderHostReport } = await import('../../host/index.js');
    const report = await checkHost(root);
    const text = values.json
      ? JSON.stringify(hostReportJson(report), null, 2)
      : renderHostReport(report);
    process.stdout.write(`${text}\n`);
    return EXIT_OK;
  },
};
