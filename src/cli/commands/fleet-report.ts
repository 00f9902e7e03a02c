import { EXIT_OK, UsageError } from '../../shared/errors.js';
import { renderCsv, renderTable } from '../../fleet/render.js';
import { summariseDir } from '../../fleet/summary.js';
import type { Subcommand } from './types.js';

const FORMATS = ['table', 'json', 'csv'] as const;

/** `fix-clock-drift fleet-report DIR`: the fleet's JSON reports summarised, one line a guest. */
export const fleetReport: Subcommand = {
  name: 'fleet-report',
  summary:
    'summarise a directory of per-guest JSON reports (from the Ansible role) as a table, JSON or CSV',
  description:
    'Summarises the JSON reports a fleet run saved (one or more per guest: <guest>.json or <guest>.<phase>.json) as a table of guest, release, arch, kvm-clock, parameters, outcome and warnings; built from the files alone, so a run that stopped early is summarised as far as it got.',
  args: '<dir>',
  exitStatus: '0 summarised, 1 failure (the directory cannot be read), 2 usage error.',
  flags: [
    {
      flags: '--format <format>',
      description: 'table, json or csv',
      defaultText: 'table',
      values: () => FORMATS,
    },
    { flags: '--json', description: 'the same as --format json' },
  ],
  async run(values, args) {
    const dir = args[0];
    if (dir === undefined)
      throw new UsageError(
        'fleet-report needs the directory the reports were saved in: fleet-report DIR',
      );
    const format = values.json ? 'json' : ((values.format as string | undefined) ?? 'table');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format ${format}: expected ${FORMATS.join(', ')}`);
    const rows = await summariseDir(dir);
    const text =
      format === 'json'
        ? `${JSON.stringify({ tool: 'fix-clock-drift', kind: 'fleet-report', dir, guests: rows }, null, 2)}\n`
        : format === 'csv'
          ? renderCsv(rows)
          : renderTable(rows);
    process.stdout.write(text);
    return EXIT_OK;
  },
};
