// `npm start`: runs the real CLI on a bundled sample guest. The sample is only
// read; the outputs go to out/ in the repository (said on screen), and
// --force lets the demo run again.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.join('samples', 'rhel5.4-x86_64');
const outDir = 'out';
mkdirSync(path.join(repo, outDir), { recursive: true });
const args = [
  'dist/fix-clock-drift.js',
  '--root',
  root,
  '--output',
  path.join(outDir, 'grub.conf.kvm'),
  '--diff',
  path.join(outDir, 'grub.conf.kvm.diff'),
  '--force',
  // The sample guest, as `fix-clock-drift --help` would describe it by flags.
  '--release',
  '5.4',
  '--arch',
  'x86_64',
  '--no-pvclock',
  '--lpj',
  '2394000',
  ...process.argv.slice(2),
];
console.log(`npm start: sample guest ${root} (read only); outputs go to ${outDir}/\n`);
const r = spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit' });
console.log(
  `\nnpm start: this was a demonstration on a sample; the steps above apply to a real guest's grub.conf.`,
);
process.exitCode = r.status ?? 1;
