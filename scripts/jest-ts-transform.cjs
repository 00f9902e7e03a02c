// Jest transform for TypeScript: esbuild strips the types of each file on its
// own (type checking is `npm run typecheck`'s job), as ts-jest did in
// isolated-modules mode, at a fraction of its cost on a cold cache (CI).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads transforms as CommonJS
const { transformSync, version } = require('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const { createHash } = require('node:crypto');

const OPTIONS = {
  loader: 'ts',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
};

module.exports = {
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(`esbuild-${version}\0${JSON.stringify(OPTIONS)}\0${sourcePath}\0`)
      .update(sourceText)
      .digest('hex');
  },
  process(sourceText, sourcePath) {
    const { code } = transformSync(sourceText, { ...OPTIONS, sourcefile: sourcePath });
    return { code };
  },
};
