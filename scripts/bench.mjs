// `npm run bench`: how fast and how big the built CLI is, on generated
// grub.conf files of 10, 2,000 and 20,000 entries, with `node -e 0` and GNU
// `diff -u` measured in the same run as baselines (absolute numbers mean
// little across machines; ratios to a baseline on the same machine do).
//
//   node scripts/bench.mjs [--runs N] [--quick] [--compare FILE]
//
// Prints a table, writes bench/results/bench-<timestamp>.json and
// latest.json, and with --compare prints deltas against an earlier JSON.
// Targets are informational: the exit status is 0 unless something crashed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGrubConf } from './bench/generate.mjs';
import { have, machineRecord, sha256 } from './bench/machine.mjs';
import { BIG, SIZES, SMALL, benchOptions } from './bench/options.mjs';
import { measureCases, peakMemoryProbe, summarize, timeRun } from './bench/measure.mjs';
import { formatComparison } from './bench/compare.mjs';
import { formatReport, judgeTargets, writeResults } from './bench/report.mjs';
import { STAGES, buildStageRunner, runStages } from './bench/stages.mjs';
import { formatSsh, measureSsh, sshUnavailable } from './bench/ssh.mjs';
import { refusalCase, sparseGrubConf } from './bench/refusal.mjs';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(repo, 'dist');
const BUNDLE = 'fix-clock-drift.js';

/** The flags every CLI run gets: a RHEL 5.4 x86_64 guest without kvm-clock (notsc lpj=...). */
const FACTS = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

// ---------------------------------------------------------------- cases

/**
 * One CLI writing run per size, kept for GNU diff (which needs the edited
 * file) and for checking that the in-process stages give the same bytes.
 */
function referenceRun(cli, input, tmp) {
  const dir = mkdtempSync(path.join(tmp, `ref-${input.entries}-`));
  const output = path.join(dir, 'grub.conf.kvm');
  const diff = path.join(dir, 'grub.conf.kvm.diff');
  timeRun(cli, [...FACTS, '--grub-conf', input.file, '--output', output, '--diff', diff]);
  return { output, diff };
}

/**
 * Everything timed as a separate process. `command()` is called once per
 * run, so a writing run gets a fresh output directory each time (made and
 * removed outside the timed part).
 */
function buildCases(cli, inputs, refs, opts, tmp, gnuDiff) {
  const node = (args) => () => ({ cmd: process.execPath, args });
  // The CLI runs as users run the installed bin: the file itself, through its
  // launcher line (see scripts/build.mjs), not `node file`.
  const bin = (args) => () => ({ cmd: cli, args });
  const cases = [
    { id: 'baseline.node-e0', runs: opts.baselineRuns, memory: true, command: node(['-e', '0']) },
    // Loads and runs the whole bundle's top level, parses argv, prints the version.
    {
      id: 'baseline.load',
      runs: opts.baselineRuns,
      memory: true,
      command: bin(['--version']),
    },
    refusalCase(cli, FACTS, sparseGrubConf(tmp), opts.baselineRuns),
  ];
  for (const input of inputs) {
    const runs = opts.runsBySize[input.entries];
    const base = [...FACTS, '--grub-conf', input.file];
    cases.push({
      id: `cli.dry-run.${input.entries}`,
      runs,
      memory: true,
      command: bin([...base, '--dry-run']),
    });
    cases.push({
      id: `cli.write.${input.entries}`,
      runs,
      memory: true,
      command: () => {
        const dir = mkdtempSync(path.join(tmp, 'run-'));
        const out = path.join(dir, 'grub.conf.kvm');
        return {
          cmd: cli,
          args: [...base, '--output', out, '--diff', `${out}.diff`, '--force'],
          cleanup: () => rmSync(dir, { recursive: true, force: true }),
        };
      },
    });
    if (gnuDiff) {
      const ref = refs.get(input.entries);
      cases.push({
        id: `gnu-diff.${input.entries}`,
        runs,
        memory: false,
        // diff exits 1 when the files differ, which they do.
        command: () => ({ cmd: 'diff', args: ['-u', input.file, ref.output], okStatus: [0, 1] }),
      });
    }
  }
  return cases;
}

// ---------------------------------------------------------------- stages

async function measureStages(inputs, refs, opts, tmp) {
  process.stderr.write('bench: in-process stages\n');
  const runner = await buildStageRunner(repo, tmp);
  const jobs = inputs.map((input) => ({
    entries: input.entries,
    file: input.file,
    // Same names as the reference CLI run, so the diffs can be compared byte for byte.
    outName: refs.get(input.entries).output,
    warmupMs: opts.stageWarmupMs,
    measureMs: opts.stageMeasureMs,
    minIterations: opts.runsBySize[input.entries],
    maxIterations: 2000,
  }));
  const metrics = {};
  const matches = {};
  for (const result of runStages(runner, jobs)) {
    const n = result.entries;
    for (const stage of STAGES) {
      metrics[`stage.${n}.${stage}`] = summarize(result.samples.map((s) => s[stage]));
    }
    metrics[`stage.${n}.total`] = summarize(
      result.samples.map((s) => STAGES.reduce((sum, stage) => sum + s[stage], 0)),
    );
    const ref = refs.get(n);
    matches[n] =
      result.outSha === sha256(readFileSync(ref.output)) &&
      // The stages make the diff without the provenance line the run puts in front.
      result.patchSha === sha256(withoutFirstLine(readFileSync(ref.diff)))
        ? 'yes'
        : 'NO';
  }
  return { metrics, matches, warmup: `≥ ${opts.stageWarmupMs} ms of warm-up passes` };
}

// ---------------------------------------------------------------- derived numbers

/** GNU diff's hunks (its header lines carry timestamps) against the CLI's. */
function withoutFirstLine(bytes) {
  return bytes.subarray(bytes.indexOf(0x0a) + 1);
}

function sameHunks(input, ref) {
  const r = spawnSync('diff', ['-u', input.file, ref.output], {
    encoding: 'latin1',
    maxBuffer: 256 * 1024 * 1024, // the default 1 MB would cut a 20,000-entry diff short
  });
  // GNU diff's two header lines; the tool's diff has its provenance line before them.
  const body = (text, skip) => text.split('\n').slice(skip).join('\n');
  return body(r.stdout, 2) === body(readFileSync(ref.diff, 'latin1'), 3) ? 'yes' : 'NO';
}

/** Ratios of medians, stored as metrics so --compare treats them like the rest. */
function ratios(m, inputs) {
  const ratio = (a, b) =>
    m[a] && m[b] ? { median: m[a].median / m[b].median, runs: 1 } : undefined;
  const out = {
    'ratio.startup': ratio('cli.dry-run.10.wall', 'baseline.node-e0.wall'),
    'ratio.startup-min': m['cli.dry-run.10.wall'] && {
      median: m['cli.dry-run.10.wall'].min / m['baseline.node-e0.wall'].min,
      runs: 1,
    },
    'ratio.load': ratio('baseline.load.wall', 'baseline.node-e0.wall'),
    'ratio.growth.dry-run': ratio(`cli.dry-run.${BIG}.wall`, `cli.dry-run.${SMALL}.wall`),
    'ratio.growth.write': ratio(`cli.write.${BIG}.wall`, `cli.write.${SMALL}.wall`),
  };
  // Start-up (~70 ms) hides how the size-dependent part grows: take the
  // 10-entry run off both ends to see it (1× = constant, 10× = linear).
  const net = (n) => m[`cli.dry-run.${n}.wall`].median - m['cli.dry-run.10.wall'].median;
  out['ratio.net-growth.dry-run'] = { median: net(BIG) / net(SMALL), runs: 1 };
  for (const { entries } of inputs) {
    // What the timed stages do not explain: rendering, detection, I/O, GC of a
    // cold process (the stages are timed warm). A large value points at code
    // outside the stages.
    out[`extra.outside-stages.${entries}`] = {
      median:
        m[`cli.dry-run.${entries}.wall`].median -
        m['baseline.load.wall'].median -
        m[`stage.${entries}.total`].median,
      runs: 1,
    };
    out[`ratio.diff-vs-gnu.${entries}`] = ratio(
      `stage.${entries}.diff`,
      `gnu-diff.${entries}.wall`,
    );
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v));
}

function describeInput(input) {
  const text = readFileSync(input.file, 'latin1');
  return {
    ...input,
    lines: text.split('\n').length - 1,
    xen: text.split('kernel /xen.gz-').length - 1,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = benchOptions();
  // Read the earlier results first: --compare bench/results/latest.json is
  // replaced by this run, and a typo should fail before minutes of measuring.
  const previous = opts.compare ? JSON.parse(readFileSync(opts.compare, 'utf8')) : undefined;
  if (!existsSync(path.join(dist, BUNDLE)))
    throw new Error(`dist/${BUNDLE} not found: run npm run build first`);

  const loadBefore = os.loadavg()[0];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'fcd-bench-'));
  try {
    // Benchmark a copy: others rebuild dist/ while they work, and a rebuild
    // in the middle of a run would mix two builds (or fail a run outright).
    cpSync(dist, path.join(tmp, 'dist'), { recursive: true });
    const cli = path.join(tmp, 'dist', BUNDLE);
    const inputs = SIZES.map((n) => describeInput(writeGrubConf(tmp, n)));
    const memory = peakMemoryProbe(tmp);
    const gnuDiff = have('diff');
    const refs = new Map(inputs.map((i) => [i.entries, referenceRun(cli, i, tmp)]));

    const e2e = measureCases(buildCases(cli, inputs, refs, opts, tmp, gnuDiff), memory);
    const stages = await measureStages(inputs, refs, opts, tmp);
    const metrics = { ...e2e, ...stages.metrics };
    Object.assign(metrics, ratios(metrics, inputs));
    const noSsh = opts.ssh ? sshUnavailable() : 'left out with --no-ssh';
    const ssh = noSsh ? undefined : await measureSsh(repo, tmp, cli, opts.baselineRuns);
    if (ssh) Object.assign(metrics, ssh.metrics);

    const results = {
      ...machineRecord(repo, loadBefore),
      // Which build was measured, to tell apart two runs at the same commit.
      bundleSha256: sha256(readFileSync(cli)).slice(0, 16),
      command: `dist/fix-clock-drift.js ${FACTS.join(' ')} --grub-conf F [--dry-run | --output O --diff D --force]`,
      memoryMethod: memory.method,
      options: { quick: opts.quick, runsBySize: opts.runsBySize, baselineRuns: opts.baselineRuns },
      stageWarmup: stages.warmup,
      inputs: inputs.map(({ entries, lines, bytes, xen }) => ({ entries, lines, bytes, xen })),
      metrics,
      checks: {
        stagesMatchCli: stages.matches,
        gnuDiffSameHunks: gnuDiff
          ? Object.fromEntries(inputs.map((i) => [i.entries, sameHunks(i, refs.get(i.entries))]))
          : {},
      },
    };
    results.ssh = ssh ? { sizes: ssh.sizes } : { skipped: noSsh };
    results.targets = [...judgeTargets(metrics, BIG, SMALL), ...(ssh?.targets ?? [])];

    console.log(formatReport(results, BIG, SMALL));
    console.log(`\n${formatSsh(results)}`);
    const file = writeResults(repo, results);
    console.log(`\nResults: ${path.relative(repo, file)} (also bench/results/latest.json)`);
    if (previous) console.log(`\n${formatComparison(previous, results, opts.compare)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
