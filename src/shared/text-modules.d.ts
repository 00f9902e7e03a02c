// Shell scripts are bundled as text: esbuild's text loader (scripts/build.mjs)
// and a Jest transform (jest.config.js) make a *.sh import its content.
declare module '*.sh' {
  const text: string;
  export default text;
}
