import { printable } from '../../shared/text.js';
import type { BundleRecord } from './bundle-format.js';
import { containedTarget } from './guest-paths.js';

/** What to create in the unpacked root, checked before anything is written. Paths are guest paths. */
export interface Layout {
  /** Directories, each after its parent. */
  dirs: string[];
  /** Regular files; `exists` records become empty ones (detection only lists or tests for them). */
  files: { path: string; data: Buffer; age?: number }[];
  /** Symlinks with their contained targets (see containedTarget). */
  links: { path: string; target: string }[];
  /** Guest paths not recreated, with why: "other" files, symlink loops. */
  skipped: string[];
}

type Creating = 'file' | 'exists' | 'dir' | 'link';

function ancestors(p: string): string[] {
  const out: string[] = [];
  for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) out.push(p.slice(0, i));
  return out;
}

const show = (p: string): string => printable(p, 80);

/**
 * Checks that the records describe one tree (each path given once, nothing
 * under a file or under a symlink) and plans it. Refusals are strings for
 * the caller's message.
 */
export function planLayout(records: readonly BundleRecord[]): Layout {
  const byPath = new Map<string, { kind: Creating; n: number; target?: string }>();
  const layout: Layout = { dirs: [], files: [], links: [], skipped: [] };
  const links = new Map<string, string>();

  for (const r of records) {
    if (r.kind === 'other') layout.skipped.push(`${r.path} (not a regular file or directory)`);
    if (r.kind !== 'file' && r.kind !== 'exists' && r.kind !== 'dir' && r.kind !== 'link') continue;
    if (r.path === '/') continue;
    const before = byPath.get(r.path);
    const target = r.kind === 'link' ? r.target : undefined;
    if (before) {
      const same = before.kind === r.kind && r.kind !== 'file' && before.target === target;
      if (!same)
        throw `record ${r.n} gives ${show(r.path)} again (as ${r.kind}; record ${before.n} gave it as ${before.kind})`;
      continue;
    }
    byPath.set(
      r.path,
      target === undefined ? { kind: r.kind, n: r.n } : { kind: r.kind, n: r.n, target },
    );
    if (r.kind === 'link') links.set(r.path, r.target);
  }

  const dirs = new Set<string>();
  for (const [p, e] of byPath) {
    for (const a of ancestors(p)) {
      const up = byPath.get(a);
      if (up?.kind === 'link')
        throw `record ${e.n} puts ${show(p)} under the symlink ${show(a)} (record ${up.n}): nothing is written through a link`;
      if (up && up.kind !== 'dir')
        throw `record ${e.n} puts ${show(p)} under ${show(a)}, which record ${up.n} gives as ${up.kind}`;
      dirs.add(a);
    }
    if (e.kind === 'dir') dirs.add(p);
  }
  // Parents first: a parent has fewer components than its children.
  layout.dirs = [...dirs].sort((a, b) => a.split('/').length - b.split('/').length);

  for (const r of records) {
    if (byPath.get('path' in r ? r.path : '')?.n !== r.n) continue;
    if (r.kind === 'file') {
      layout.files.push(
        r.age === undefined
          ? { path: r.path, data: r.data }
          : { path: r.path, data: r.data, age: r.age },
      );
    } else if (r.kind === 'exists') {
      layout.files.push({ path: r.path, data: Buffer.alloc(0) });
    } else if (r.kind === 'link') {
      const target = containedTarget(r.path, r.target, links);
      if (target === undefined) layout.skipped.push(`${r.path} (a symlink loop)`);
      else layout.links.push({ path: r.path, target });
    }
  }
  return layout;
}
