// Bundles the CLI into dist/ with esbuild: one file loads faster than a tree
// of node_modules, and start-up is most of a run's cost. The wizard stays a
// separate chunk, loaded only when it is used.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { 'fix-clock-drift': 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies (commander) call require() for node: built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __fcdCreateRequire } from 'node:module';\nconst require = __fcdCreateRequire(import.meta.url);",
  },
  define: { __FCD_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
