// Turning the measurements into what a person reads (tables, targets, deltas
// against an earlier run) and into the JSON that later runs compare with.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { STAGES } from './stages.mjs';

// ---------------------------------------------------------------- formatting

const int = (n) => n.toLocaleString('en-US');

/** Milliseconds with about three significant digits, down to microseconds. */
export function fmtMs(ms) {
  const size = Math.abs(ms);
  if (size >= 100) return ms.toFixed(0);
  if (size >= 10) return ms.toFixed(1);
  if (size >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

export const fmtMb = (mb) => mb.toFixed(1);
export const fmtX = (x) => `${x.toFixed(x < 0.1 ? 4 : 2)}×`;

function fmtBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** "median [min – max]" for a metric. */
function spread(m, fmt) {
  if (!m) return '-';
  return m.runs > 1 ? `${fmt(m.median)} [${fmt(m.min)} – ${fmt(m.max)}]` : fmt(m.median);
}

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(headers, rows, indent = '  ') {
  const all = [headers, ...rows];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  const line = (r) =>
    indent +
    r
      .map((cell, c) =>
        c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
      )
      .join('   ');
  return [line(headers), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- targets

/**
 * The targets, judged on medians except memory, which is judged on the
 * highest run (a peak is a peak). Informational: a MISS never fails the run.
 */
export function judgeTargets(metrics, big, small) {
  const m = (id) => metrics[id];
  const worst = (a, b, key) => Math.max(m(a)?.[key] ?? NaN, m(b)?.[key] ?? NaN);
  const targets = [
    {
      id: 'startup',
      label: '10 entries end-to-end ≤ 1.5 × node -e 0',
      value: m('ratio.startup')?.median,
      limit: 1.5,
      unit: '×',
      pass: (v) => v <= 1.5,
    },
    {
      id: 'large',
      label: `${int(big)} entries end-to-end < 0.5 s (slower of dry-run and write)`,
      value: worst(`cli.dry-run.${big}.wall`, `cli.write.${big}.wall`, 'median'),
      limit: 500,
      unit: 'ms',
      pass: (v) => v < 500,
    },
    {
      id: 'growth',
      label: `growth ${int(small)} → ${int(big)} entries ≤ 12× (larger of dry-run and write)`,
      value: worst('ratio.growth.dry-run', 'ratio.growth.write', 'median'),
      limit: 12,
      unit: '×',
      pass: (v) => v <= 12,
    },
    {
      id: 'refusal',
      label: 'an 8 GiB sparse grub.conf refused by its size < 0.5 s',
      value: m('cli.refuse-8gib.wall')?.median,
      limit: 500,
      unit: 'ms',
      pass: (v) => v < 500,
    },
    {
      id: 'memory',
      label: `peak memory at ${int(big)} entries < 150 MB (highest run of either mode)`,
      value: worst(`cli.dry-run.${big}.rss`, `cli.write.${big}.rss`, 'max'),
      limit: 150,
      unit: 'MB',
      pass: (v) => v < 150,
    },
  ];
  return targets.map(({ pass, ...t }) => ({
    ...t,
    pass: Number.isFinite(t.value) ? pass(t.value) : false,
  }));
}

function fmtTargetValue(t) {
  if (!Number.isFinite(t.value)) return 'not measured';
  if (t.unit === '×') return fmtX(t.value);
  if (t.unit === 'ms') return `${fmtMs(t.value)} ms`;
  return `${fmtMb(t.value)} ${t.unit}`;
}

// ---------------------------------------------------------------- the report

/** A warning when other processes competed for the CPUs during the run. */
function busy(r) {
  const load = Math.max(r.loadAverage.before, r.loadAverage.after);
  // The benchmark itself keeps about one CPU busy.
  return load > r.cpu.count * 0.5 + 1
    ? ' (machine was busy with other work: expect noisy numbers, compare with care)'
    : '';
}

function headerLines(r) {
  const dirty = r.gitDirty ? ' (with uncommitted changes)' : '';
  const runs = Object.entries(r.options.runsBySize)
    .map(([n, k]) => `${k} for ${int(Number(n))}`)
    .join(', ');
  return [
    'fix-clock-drift benchmark',
    `  ${r.date} · node ${r.node} · ${r.cpu.model} ×${r.cpu.count} · ${r.platform}`,
    `  commit ${r.commit ?? 'unknown'}${dirty}`,
    `  1-minute load average: ${r.loadAverage.before.toFixed(2)} before, ${r.loadAverage.after.toFixed(2)} after${busy(r)}`,
    `  runs per case: ${runs} entries; baselines ${r.options.baselineRuns}; shown as median [min – max]`,
    `  peak memory: ${r.memoryMethod}`,
  ];
}

function inputsTable(r) {
  return table(
    ['entries', 'lines', 'size', 'Xen entries'],
    r.inputs.map((i) => [int(i.entries), int(i.lines), fmtBytes(i.bytes), int(i.xen)]),
  );
}

function endToEndTable(r) {
  const rows = [
    ['node -e 0', '', ...cells(r.metrics, 'baseline.node-e0')],
    ['CLI --version (load only)', '', ...cells(r.metrics, 'baseline.load')],
    ['CLI refusing an 8 GiB sparse grub.conf', '', ...cells(r.metrics, 'cli.refuse-8gib')],
  ];
  for (const { entries } of r.inputs) {
    for (const mode of ['dry-run', 'write']) {
      rows.push([`CLI ${mode}`, int(entries), ...cells(r.metrics, `cli.${mode}.${entries}`)]);
    }
  }
  return table(['command', 'entries', 'wall ms', 'peak RSS MB'], rows);
}

function cells(metrics, id) {
  return [spread(metrics[`${id}.wall`], fmtMs), spread(metrics[`${id}.rss`], fmtMb)];
}

function stagesTable(r) {
  const rows = r.inputs.map(({ entries }) => [
    int(entries),
    ...[...STAGES, 'total'].map((s) => fmtMs(r.metrics[`stage.${entries}.${s}`].median)),
    int(r.metrics[`stage.${entries}.total`].runs),
  ]);
  return table(['entries', ...STAGES, 'total', 'passes'], rows);
}

function gnuDiffTable(r) {
  const rows = r.inputs.map(({ entries }) => {
    const gnu = r.metrics[`gnu-diff.${entries}.wall`];
    const stage = r.metrics[`stage.${entries}.diff`];
    const ratio = r.metrics[`ratio.diff-vs-gnu.${entries}`];
    return [
      int(entries),
      gnu ? spread(gnu, fmtMs) : 'n/a',
      fmtMs(stage.median),
      ratio ? fmtX(ratio.median) : 'n/a',
      r.checks.gnuDiffSameHunks[entries] ?? 'n/a',
    ];
  });
  return table(
    [
      'entries',
      'GNU diff -u ms (process)',
      'diff stage ms (in-process)',
      'stage / GNU',
      'same hunks',
    ],
    rows,
  );
}

function ratioLines(r, big, small) {
  const m = r.metrics;
  const x = (id) => (m[id] ? fmtX(m[id].median) : 'n/a');
  const startupCost = m['cli.dry-run.10.wall'].median - m['baseline.node-e0.wall'].median;
  const loadCost = m['baseline.load.wall'].median - m['baseline.node-e0.wall'].median;
  return table(
    ['ratio', 'value'],
    [
      ['CLI(10 entries, dry-run) / node -e 0', `${x('ratio.startup')} (+${fmtMs(startupCost)} ms)`],
      // Fastest against fastest: less swayed by other work on the machine than the medians.
      ['same, fastest run / fastest run', x('ratio.startup-min')],
      ['CLI --version (bundle load) / node -e 0', `${x('ratio.load')} (+${fmtMs(loadCost)} ms)`],
      [`CLI(${int(big)}) dry-run, absolute`, `${fmtMs(m[`cli.dry-run.${big}.wall`].median)} ms`],
      [`CLI(${int(big)}) write, absolute`, `${fmtMs(m[`cli.write.${big}.wall`].median)} ms`],
      [`growth ${int(small)} → ${int(big)}, dry-run`, x('ratio.growth.dry-run')],
      [`growth ${int(small)} → ${int(big)}, write`, x('ratio.growth.write')],
      [
        `growth ${int(small)} → ${int(big)}, dry-run, less the 10-entry run`,
        x('ratio.net-growth.dry-run'),
      ],
      ...r.inputs.map(({ entries }) => [
        `CLI(${int(entries)}) dry-run − load − stages (time outside the stages)`,
        `${fmtMs(m[`extra.outside-stages.${entries}`].median)} ms`,
      ]),
      [
        `CLI diff stage / GNU diff -u at ${int(big)}`,
        m[`ratio.diff-vs-gnu.${big}`] ? x(`ratio.diff-vs-gnu.${big}`) : 'n/a',
      ],
    ],
  );
}

function targetLines(r) {
  return r.targets
    .map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.label}: ${fmtTargetValue(t)}`)
    .join('\n');
}

function checkLines(r) {
  const show = (o) =>
    Object.entries(o)
      .map(([n, v]) => `${int(Number(n))}: ${v}`)
      .join(', ');
  return [
    `  in-process stages produce the CLI's exact output and diff: ${show(r.checks.stagesMatchCli)}`,
    `  GNU diff -u gives the same hunks as the CLI's diff: ${show(r.checks.gnuDiffSameHunks)}`,
  ].join('\n');
}

/** The whole human-readable report, as one string. */
export function formatReport(r, big, small) {
  return [
    ...headerLines(r),
    '',
    'Inputs (generated, deterministic)',
    inputsTable(r),
    '',
    `End to end: ${r.command}`,
    '  (run from a copy of dist/ taken at the start; stdout and stderr to /dev/null)',
    endToEndTable(r),
    '',
    `In-process stages, ms per pass (median over the passes after ${r.stageWarmup})`,
    stagesTable(r),
    '',
    'Diff: GNU diff -u on the same input and output vs the CLI diff stage',
    gnuDiffTable(r),
    '',
    'Ratios',
    ratioLines(r, big, small),
    '',
    'Targets (informational)',
    targetLines(r),
    '',
    'Checks',
    checkLines(r),
  ].join('\n');
}

// ---------------------------------------------------------------- JSON and comparison

function stamp(date) {
  return date.replace(/[:.]/g, '-');
}

/** Writes bench-<timestamp>.json and latest.json; returns the first's path. */
export function writeResults(repo, results) {
  const dir = path.join(repo, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(dir, `bench-${stamp(results.date)}.json`);
  writeFileSync(file, json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  return file;
}
