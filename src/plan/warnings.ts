const ENTRY_WARNING = /^entry (\d+)( left alone)?: (.*)$/s;

/**
 * The same warning about several entries said once ("entries 0, 2: ..."),
 * and any exact repeat dropped; order of first appearance is kept.
 */
export function mergeWarnings(warnings: readonly string[]): string[] {
  const groups = new Map<string, { head: string; tail: string; entries: string[] }>();
  const order: string[] = [];
  for (const w of warnings) {
    const m = ENTRY_WARNING.exec(w);
    const key = m ? `${m[2] ?? ''}\u0000${m[3]}` : `\u0001${w}`;
    const g = groups.get(key);
    if (g) {
      if (m && !g.entries.includes(m[1] as string)) g.entries.push(m[1] as string);
      continue;
    }
    groups.set(
      key,
      m
        ? { head: m[2] ?? '', tail: m[3] as string, entries: [m[1] as string] }
        : { head: '', tail: w, entries: [] },
    );
    order.push(key);
  }
  return order.map((key) => {
    const g = groups.get(key) as { head: string; tail: string; entries: string[] };
    if (g.entries.length === 0) return g.tail;
    const who = g.entries.length > 1 ? `entries ${g.entries.join(', ')}` : `entry ${g.entries[0]}`;
    return `${who}${g.head}: ${g.tail}`;
  });
}
