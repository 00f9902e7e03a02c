// `npm start`: runs the real CLI on a bundled sample guest. The sample is only
// read; the outputs go to out/ in the repository (said on screen), and
// --force lets the demo run again.
//
// At a terminal (stdin and stdout both TTYs) it starts the interactive
// wizard: no --release/--arch, so the CLI asks, with what it detects in the
// sample as the defaults. Anywhere else (CI, pipes) it runs in flag mode with
// the sample described by flags, and never waits for input.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.join('samples', 'rhel5.4-x86_64');
const outDir = 'out';
mkdirSync(path.join(repo, outDir), { recursive: true });
const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
const args = [
  'dist/fix-clock-drift.js',
  '--root',
  root,
  '--output',
  path.join(outDir, 'grub.conf.kvm'),
  '--diff',
  path.join(outDir, 'grub.conf.kvm.diff'),
  '--force',
  // Flag mode: the sample guest, as `fix-clock-drift --help` would describe it by flags.
  ...(interactive
    ? []
    : ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000']),
  ...process.argv.slice(2),
];
console.log(`npm start: sample guest ${root} (read only); outputs go to ${outDir}/`);
if (interactive) {
  console.log('npm start: Enter accepts what was detected; Ctrl-C or Esc cancels');
}
console.log('');
// The CLI owns Ctrl-C (it exits 130 and writes nothing); this script waits for it and passes its code on.
process.on('SIGINT', () => undefined);
const r = spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit' });
if (r.status === 0) {
  console.log(
    `\nnpm start: this was a demonstration on a sample; the steps above apply to a real guest's grub.conf.`,
  );
}
process.exitCode = r.status ?? (r.signal ? 128 + constants.signals[r.signal] : 1);
