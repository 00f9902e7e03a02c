// The stage order of src/ (see README.md, "Layout"), enforced by `npm run lint`.
// Each layer may import its own folder and the layers before it, never a later
// one; folders of one layer do not import each other. cli/ is the front end:
// nothing imports it. A new folder must be placed here, or lint fails.
const LAYERS = [
  ['shared'], // errors, options type, version, text/byte/line helpers, the root reader
  ['remote'], // reaching a guest over SSH (transport only)
  ['rules'], // the published tables, as cited data
  ['facts'], // what a guest tells about itself, from a fact source
  ['plan'], // which parameters each entry gets, and why
  ['output'], // diff, safe writes, the common report, the boot-target seam
  ['grub', 'bootini'], // boot targets: each format's model, edit and report
  ['host', 'drift', 'install', 'check', 'fleet'], // subcommands, which may read the boot targets' models
  ['pipeline'], // choosing the target (and source) of a run
  ['cli'], // flags, help, wizard
];

const folder = (names) => `^src/(${names.join('|')})/`;

const forbidden = [
  {
    name: 'no-cycles',
    comment: 'No module may import itself through others.',
    severity: 'error',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'known-folders-only',
    comment: 'Every folder of src/ has a place in the stage order (.dependency-cruiser.cjs).',
    severity: 'error',
    from: { path: '^src/', pathNot: `${folder(LAYERS.flat())}|^src/[^/]+\\.d\\.ts$` },
    to: {},
  },
];

LAYERS.forEach((layer, i) => {
  const later = LAYERS.slice(i + 1).flat();
  if (later.length > 0) {
    forbidden.push({
      name: `stage-order-${layer.join('-')}`,
      comment: `${layer.join(', ')} may not import a later stage (${later.join(', ')}).`,
      severity: 'error',
      from: { path: folder(layer) },
      to: { path: folder(later) },
    });
  }
  for (const peer of layer) {
    const others = layer.filter((p) => p !== peer);
    if (others.length === 0) continue;
    forbidden.push({
      name: `peers-apart-${peer}`,
      comment: `${peer} does not import its peers (${others.join(', ')}): shared code goes to an earlier stage.`,
      severity: 'error',
      from: { path: folder([peer]) },
      to: { path: folder(others) },
    });
  }
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
