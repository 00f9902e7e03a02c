// How the bench scripts bundle TypeScript (the stage runner, the test
// harness) to run it under plain node: esbuild's options as in scripts/build.mjs.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Bundles `input` (esbuild's entryPoints or stdin) into `outfile`, bare
 * imports resolved from the repository's node_modules.
 */
export async function bundleForBench(repo, outfile, input, define = {}) {
  await build({
    ...input,
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Bundled CommonJS (semver, commander) may require() built-ins.
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module';\nconst require = __benchCreateRequire(import.meta.url);",
    },
    define,
    nodePaths: [path.join(repo, 'node_modules')],
    logLevel: 'warning',
  });
}

/**
 * The test harness bundled into `outfile` and imported: its paths (samples/,
 * dist/) stay the repository's, as __tests__/helpers/cli.ts finds the
 * repository from its own URL.
 */
export async function loadTestHelpers(repo, outfile, input) {
  const cli = path.join(repo, '__tests__', 'helpers', 'cli.ts');
  await bundleForBench(repo, outfile, input, {
    'import.meta.url': JSON.stringify(pathToFileURL(cli).href),
  });
  return import(pathToFileURL(outfile).href);
}
