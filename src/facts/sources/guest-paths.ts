import path from 'node:path';

/** Symlinks followed for one path before giving up, as Linux does (MAXSYMLINKS). */
const MAX_LINKS = 40;

/**
 * Where a guest path leads through the bundle's symlinks, as the guest's
 * kernel would resolve it chrooted: absolute targets start again at the root
 * and ".." at the root stays there, so the answer is always a path inside
 * the root. Components that are not links are taken as they are (the bundle
 * does not say what else is there). undefined: a symlink loop.
 */
export function resolveInGuest(p: string, links: ReadonlyMap<string, string>): string | undefined {
  const pending = p.split('/').filter(Boolean).reverse();
  const done: string[] = [];
  let hops = 0;
  for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
    if (part === '.') continue;
    if (part === '..') {
      done.pop();
      continue;
    }
    const here = `/${[...done, part].join('/')}`;
    const target = links.get(here);
    if (target === undefined) {
      done.push(part);
      continue;
    }
    if (++hops > MAX_LINKS) return undefined;
    if (target.startsWith('/')) done.length = 0;
    pending.push(...target.split('/').filter(Boolean).reverse());
  }
  return `/${done.join('/')}`;
}

/**
 * The target to give a guest symlink in the unpacked root: the place it
 * leads to in the guest, relative to the link's own directory. Such a target
 * never climbs above the root and names no other link on the way, so neither
 * the kernel nor any reader can follow it out of the unpacked root, and it
 * ends where the guest's own link ends. undefined: a loop.
 */
export function containedTarget(
  linkPath: string,
  target: string,
  links: ReadonlyMap<string, string>,
): string | undefined {
  const dir = path.posix.dirname(linkPath);
  const landing = resolveInGuest(target.startsWith('/') ? target : `${dir}/${target}`, links);
  if (landing === undefined) return undefined;
  return path.posix.relative(dir, landing) || '.';
}
