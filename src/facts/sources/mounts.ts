/** /proc/mounts escapes space, tab, newline and backslash in mount points as octal (\040). */
function unescapeMount(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export interface MountAnswer {
  /** The mount point holding the path. */
  mountPoint: string;
  readOnly: boolean;
}

/**
 * Whether a guest path lies on a read-only mount, from /proc/mounts lines:
 * the longest mount point that holds it wins, and for the same mount point
 * the last line (the mount on top). undefined when no line holds it.
 */
export function mountOf(mountsText: string, guestPath: string): MountAnswer | undefined {
  let best: MountAnswer | undefined;
  for (const line of mountsText.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4) continue;
    const point = unescapeMount(fields[1] as string);
    const holds =
      point === '/' ||
      guestPath === point ||
      guestPath.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (!holds || (best && point.length < best.mountPoint.length)) continue;
    best = { mountPoint: point, readOnly: (fields[3] as string).split(',').includes('ro') };
  }
  return best;
}
