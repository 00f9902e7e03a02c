// Set by the bundler from package.json (see scripts/build.mjs); tests that
// import sources directly see 'dev'.
declare const __FCD_VERSION__: string | undefined;

export const VERSION: string = typeof __FCD_VERSION__ === 'string' ? __FCD_VERSION__ : 'dev';
