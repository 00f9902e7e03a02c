// Bundles the CLI into dist/ with esbuild: a few files load faster than a
// tree of node_modules, and start-up is most of a run's cost. The bundle is
// split where the code imports itself lazily (import()): the main run, each
// subcommand and the wizard (inquirer) are chunks loaded only when used.
import { build } from 'esbuild';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSrc } from './load-src.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const dist = path.join(repo, 'dist');
// Built beside dist/ and swapped in at the end, so a run of the CLI never
// meets a half-built dist/.
const next = path.join(repo, `dist.next-${process.pid}`);

// The flags of a run with a large config are set by src/cli/relaunch.ts, not
// here: any V8 flag on the command line costs every start about 10 ms.
const SHEBANG = '#!/usr/bin/env node\n';

rmSync(next, { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Bundled CommonJS dependencies (commander) call require() for node: built-ins.
  banner: {
    js: "import { createRequire as __fcdCreateRequire } from 'node:module';\nconst require = __fcdCreateRequire(import.meta.url);",
  },
  define: { __FCD_VERSION__: JSON.stringify(pkg.version) },
  // The guest-side scripts (the collector) ship inside the bundle as text.
  loader: { '.sh': 'text' },
  logLevel: 'warning',
};
// The entry chunk is small: a run over --ssh starts its connection from it,
// and the rest loads during the handshake (src/remote/early-session.ts).
await build({
  ...common,
  entryPoints: { 'fix-clock-drift': 'src/cli/bin.ts' },
  outdir: next,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
const entry = path.join(next, 'fix-clock-drift.js');
writeFileSync(entry, SHEBANG + readFileSync(entry, 'utf8'));
chmodSync(entry, 0o755);
// The man page is rendered from the same flag tables as --help and the
// README's tables, so it cannot fall behind them; package.json's "man" installs it.
const { renderManPage } = await loadSrc(path.join(repo, 'src/cli/man-page.ts'));
writeFileSync(path.join(next, 'fix-clock-drift.1'), renderManPage(pkg.version));
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
