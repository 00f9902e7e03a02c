// Renders the README's flag tables: the main run's from the options table
// (src/cli/options.ts) and one per subcommand in the registry
// (src/cli/commands/index.ts), each from its own flag table, via src/cli/flag-table.ts.
//   node scripts/readme-flags.mjs          exit 1 if the README is out of date
//   node scripts/readme-flags.mjs --write  rewrite the tables in place
// A subcommand's table sits between <!-- NAME-flags:start ... --> and <!-- NAME-flags:end -->.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadSrc } from './load-src.mjs';

const options = await loadSrc('src/cli/flag-table.ts');

// Each generated table sits between its own markers; a start marker may say more before its -->.
const TABLES = [
  { name: 'flags', render: () => options.renderFlagTable() },
  ...options.subcommandNames().map((name) => ({
    name: `${name}-flags`,
    render: () => options.renderSubcommandTable(name),
  })),
];

const readme = readFileSync('README.md', 'utf8');
let updated = readme;
const missing = [];
for (const t of TABLES) {
  const start = new RegExp(`<!-- ${t.name}:start\\b[^>]*-->`).exec(updated);
  const end = `<!-- ${t.name}:end -->`;
  const b = updated.indexOf(end);
  if (!start || b === -1 || b < start.index) {
    missing.push(`<!-- ${t.name}:start ... --> ... ${end}`);
    continue;
  }
  const a = start.index + start[0].length;
  updated = `${updated.slice(0, a)}\n${t.render()}\n${updated.slice(b)}`;
}
if (missing.length > 0) {
  console.error(`README.md: markers not found: ${missing.join('; ')}`);
  process.exit(1);
}
if (process.argv.includes('--write')) {
  writeFileSync('README.md', updated);
  console.log('README.md: flag tables updated');
} else if (updated !== readme) {
  console.error('README.md: a flag table is out of date: run npm run docs');
  process.exit(1);
}
