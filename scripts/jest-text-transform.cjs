/* global module */
// Jest transform for files imported as text (*.sh): the module's default
// export is the file's content, as esbuild's text loader makes it.
module.exports = {
  process(sourceText) {
    return { code: `export default ${JSON.stringify(sourceText)};` };
  },
};
