// In-process timing of the pipeline's stages. The stages are TypeScript in
// src/, so a small entry that imports them is generated, bundled with esbuild
// (as scripts/build.mjs bundles the CLI) and run in a child process of its
// own: a clean heap, and --expose-gc so each iteration starts without the
// previous one's garbage, as a real (one-shot) CLI run does.
//
// The entry mirrors prepare() in src/grub/prepare.ts. If a signature there changes,
// this is the one place to adapt.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleForBench } from './bundle.mjs';

export const STAGES = ['parse', 'plan', 'edit', 'serialize', 'diff'];

function entrySource(repo) {
  const src = (p) => JSON.stringify(path.join(repo, 'src', p));
  return `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { bytesToText, textToBytes, userTextToFileText } from ${src('shared/bytes.ts')};
import { editEntries } from ${src('grub/edit.ts')};
import { parseGrubConfig, serializeGrubConfig } from ${src('grub/model.ts')};
import { selectEntries } from ${src('grub/select.ts')};
import { unifiedDiff } from ${src('output/diff.ts')};
import { findConflicts } from ${src('rules/conflicts.ts')};
import { decide } from ${src('rules/decide.ts')};
import { rhev34 } from ${src('rules/rhev-3.4.ts')};

type Job = { entries: number; file: string; outName: string; warmupMs: number; measureMs: number; minIterations: number; maxIterations: number };

const now = (): bigint => process.hrtime.bigint();
const ms = (a: bigint, b: bigint): number => Number(b - a) / 1e6;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
// The flags the benchmark gives the CLI: --release 5.4 --arch x86_64 --no-pvclock --lpj 2394000.
const FACTS = { release: '5.4', arch: 'x86_64' as const, pvclock: false, lpj: 2394000 };

/** One pass through the pipeline, as prepare() runs it; times per stage in ms. */
function once(bytes: Buffer, job: Job) {
  const t0 = now();
  const config = parseGrubConfig(bytesToText(bytes));
  const t1 = now();
  const decision = decide(rhev34, FACTS);
  if (!('params' in decision)) throw new Error('no rule for the benchmark facts');
  const selection = selectEntries(config, { kind: 'all' }, job.file);
  const t2 = now();
  // prepare() snapshots the lines for the diff, edits, then checks each edit for conflicts.
  const oldLines = config.lines.map((l) => ({ ...l }));
  const edits = editEntries(config, selection.entries, decision.params.map(userTextToFileText));
  for (const e of edits) findConflicts(e.newArgs, decision.params);
  const changed = edits.filter((e) => e.changed).map((e) => e.line);
  const t3 = now();
  const out = textToBytes(serializeGrubConfig(config));
  const t4 = now();
  const patch = textToBytes(unifiedDiff(oldLines, config.lines, changed, job.file, job.outName));
  const t5 = now();
  const times = { parse: ms(t0, t1), plan: ms(t1, t2), edit: ms(t2, t3), serialize: ms(t3, t4), diff: ms(t4, t5) };
  return { times, out, patch };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function runJob(job: Job) {
  const bytes = readFileSync(job.file);
  // Warm-up: let V8 tier up the hot functions before anything is recorded.
  let warmups = 0;
  for (const start = now(); warmups < 3 || ms(start, now()) < job.warmupMs; warmups++) once(bytes, job);
  const samples: Record<string, number>[] = [];
  let last;
  for (const start = now(); samples.length < job.minIterations || (ms(start, now()) < job.measureMs && samples.length < job.maxIterations);) {
    gc();
    last = once(bytes, job);
    samples.push(last.times);
  }
  return { entries: job.entries, warmups, samples, outSha: sha(last!.out), patchSha: sha(last!.patch) };
}

const jobs: Job[] = JSON.parse(process.argv[2] ?? '[]');
process.stdout.write(JSON.stringify(jobs.map(runJob)));
`;
}

/** Bundles the stage runner into `tmp` and returns its path. */
export async function buildStageRunner(repo, tmp) {
  const entry = path.join(tmp, 'bench-stages.ts');
  const outfile = path.join(tmp, 'bench-stages.mjs');
  writeFileSync(entry, entrySource(repo));
  await bundleForBench(repo, outfile, { entryPoints: [entry] }, { __FCD_VERSION__: '"bench"' });
  return outfile;
}

/**
 * Runs the stage runner over `jobs` and returns, per job, the raw per-stage
 * samples plus hashes of the edited config and the diff of the last pass.
 */
export function runStages(runner, jobs) {
  const r = spawnSync(process.execPath, ['--expose-gc', runner, JSON.stringify(jobs)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`stage runner failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
