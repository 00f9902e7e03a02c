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

  it('starts with the ways to a guest, what to install where, and the two commands', () => {
    const firstScreen = readme.split('\n').slice(0, 70).join('\n');
    for (const s of [
      'fix-clock-drift --ssh root@guest',
      'guestmount -a disk.img -i --ro /mnt/guest',
      'kpartx -av disk.img',
      'vgimportclone --basevgname guestvg',
      'fix-clock-drift collector > collect.sh',
      'fix-clock-drift --facts guest.facts',
      '(ansible/README.md)',
      'npm install -g ./fix-clock-drift-*.tgz',
      'npm link',
      'fix-clock-drift --root /mnt/guest --release 5.4 --arch x86_64',
    ])
      expect(firstScreen).toContain(s);
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(firstScreen).toContain(`Node.js ${pkg.engines.node.replace('>=', '>= ')}`);
  });

  it('names the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test/m);
  });
});
