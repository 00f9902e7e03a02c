/**
 * Backups of grub.conf beside it: `grub.conf.bak-YYYYMMDD-HHMMSS` in UTC
 * (so that names sort by time whatever the time zone or daylight saving),
 * with `-N` added when a name of that second is taken.
 */
const STAMP = /^(\d{8})-(\d{6})(?:-(\d{1,6}))?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "20240102-030405" for that instant in UTC. */
export function stamp(when: Date): string {
  return (
    `${pad(when.getUTCFullYear(), 4)}${pad(when.getUTCMonth() + 1)}${pad(when.getUTCDate())}-` +
    `${pad(when.getUTCHours())}${pad(when.getUTCMinutes())}${pad(when.getUTCSeconds())}`
  );
}

/** The name of a new backup of `base` (grub.conf's name) made at `when`, not among `taken`. */
export function backupName(base: string, when: Date, taken: Iterable<string>): string {
  const names = new Set(taken);
  const first = `${base}.bak-${stamp(when)}`;
  if (!names.has(first)) return first;
  for (let n = 1; ; n++) {
    const name = `${first}-${n}`;
    if (!names.has(name)) return name;
  }
}

/** The sort key of a backup's name, or undefined when the name is not one. */
function key(base: string, name: string): [string, number] | undefined {
  const prefix = `${base}.bak-`;
  if (!name.startsWith(prefix)) return undefined;
  const m = STAMP.exec(name.slice(prefix.length));
  return m ? [`${m[1]}${m[2]}`, Number(m[3] ?? 0)] : undefined;
}

/** The backups of `base` among `names`, newest first; other names are left out. */
export function listBackups(base: string, names: Iterable<string>): string[] {
  const found: { name: string; k: [string, number] }[] = [];
  for (const name of names) {
    const k = key(base, name);
    if (k) found.push({ name, k });
  }
  found.sort((a, b) => (a.k[0] === b.k[0] ? b.k[1] - a.k[1] : a.k[0] < b.k[0] ? 1 : -1));
  return found.map((f) => f.name);
}
