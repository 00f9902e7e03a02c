import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPTIONS } from '../../src/cli/options.js';
import { renderFlagTable, renderSubcommandTable } from '../../src/cli/flag-table.js';
import { SUBCOMMANDS } from '../../src/cli/commands/index.js';
import { REPO, runCli } from '../helpers/cli.js';

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

describe('README', () => {
  it('carries the flag table rendered from the options table (npm run docs)', () => {
    expect(readme).toContain(renderFlagTable());
  });

  it.each(SUBCOMMANDS.map((c) => c.name))(
    'carries the %s flag table between its markers (npm run docs)',
    (name) => {
      const start = readme.search(new RegExp(`<!-- ${name}-flags:start\\b`));
      const end = readme.indexOf(`<!-- ${name}-flags:end -->`);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(readme.slice(start, end)).toContain(renderSubcommandTable(name));
    },
  );

  it('and --help agree on every flag', () => {
    const help = runCli(['--help']).stdout;
    for (const o of OPTIONS) {
      const long = o.flags.split(' ')[0] as string;
      expect(help).toContain(long);
      expect(readme).toContain(`\`${o.flags}\``);
    }
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test/m);
  });
});
