// Loads a module of src/ from a script: bundles it with esbuild (as
// scripts/build.mjs does, .sh files as text) into a temp file and imports it.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadSrc(entry) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fcd-docs-'));
  try {
    const outfile = path.join(dir, 'module.mjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      loader: { '.sh': 'text' },
      // Bundled CommonJS dependencies (commander) call require() for node: built-ins.
      banner: {
        js: "import { createRequire as __fcdCreateRequire } from 'node:module';\nconst require = __fcdCreateRequire(import.meta.url);",
      },
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
