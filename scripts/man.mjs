// Renders the man page fix-clock-drift(1) from the flag tables (src/cli/man-page.ts).
//   node scripts/man.mjs          exit 1 if man/fix-clock-drift.1 is out of date
//   node scripts/man.mjs --write  rewrite it
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSrc } from './load-src.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const file = path.join(repo, 'man', 'fix-clock-drift.1');

const { renderManPage } = await loadSrc(path.join(repo, 'src/cli/man-page.ts'));
const page = renderManPage(pkg.version);
if (process.argv.includes('--write')) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, page);
  console.log('man/fix-clock-drift.1: rendered');
} else if (!existsSync(file) || readFileSync(file, 'utf8') !== page) {
  console.error('man/fix-clock-drift.1 is out of date: run npm run docs');
  process.exit(1);
}
