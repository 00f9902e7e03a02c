// Bundles the CLI into dist/ with esbuild: one file loads faster than a tree
// of node_modules, and start-up is most of a run's cost. The wizard stays a
// separate chunk, loaded only when it is used.
import { build } from 'esbuild';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const dist = path.join(repo, 'dist');
// Built beside dist/ and swapped in at the end, so a run of the CLI never
// meets a half-built dist/.
const next = path.join(repo, `dist.next-${process.pid}`);

/**
 * The entry file starts as a shell script that re-executes itself with node
 * and a smaller young generation: V8's default lets a 20,000-entry grub.conf
 * push peak memory past 150 MB for no gain in speed. To node the second line
 * is a string and a comment; to sh it is `:` and `exec`. Any POSIX sh runs it,
 * unlike `env -S`.
 */
const LAUNCHER = `#!/bin/sh
':' //; exec node --max-semi-space-size=2 "$0" "$@"
`;

rmSync(next, { recursive: true, force: true });
await build({
  entryPoints: { 'fix-clock-drift': 'src/cli/bin.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies (commander) call require() for node: built-ins.
  banner: {
    js: "import { createRequire as __fcdCreateRequire } from 'node:module';\nconst require = __fcdCreateRequire(import.meta.url);",
  },
  define: { __FCD_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
const entry = path.join(next, 'fix-clock-drift.js');
writeFileSync(entry, LAUNCHER + readFileSync(entry, 'utf8'));
chmodSync(entry, 0o755);
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
