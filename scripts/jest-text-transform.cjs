// Jest transform for files imported as text (*.sh): the module's default
// export is the file's content, as esbuild's text loader makes it. The file
// is read again because Jest hands transforms the text without its #! line.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads transforms as CommonJS
const { createHash } = require('node:crypto');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const { readFileSync } = require('node:fs');

module.exports = {
  getCacheKey(_sourceText, sourcePath) {
    const text = readFileSync(sourcePath, 'utf8');
    return createHash('sha256').update('text-1\0').update(sourcePath).update(text).digest('hex');
  },
  process(_sourceText, sourcePath) {
    return { code: `export default ${JSON.stringify(readFileSync(sourcePath, 'utf8'))};` };
  },
};
