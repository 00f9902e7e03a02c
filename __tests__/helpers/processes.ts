import { readFileSync, readdirSync } from 'node:fs';

/** A process as /proc shows it: pid, parent, and start time (to tell a reused pid). */
export interface Proc {
  pid: number;
  ppid: number;
  start: string;
  /** Z: exited, waiting to be reaped (here PID 1 does not reap orphans). */
  state: string;
}

function stat(pid: number): Proc | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), start: fields[19] ?? '', state: fields[0] ?? '' };
  } catch {
    return undefined;
  }
}

export function processes(): Proc[] {
  const all: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = stat(Number(name));
    if (p) all.push(p);
  }
  return all;
}

/** The processes below `pid` (down to `depth` levels), children first. */
export function descendantProcs(pid: number, depth = Infinity): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  let level = [pid];
  for (let d = 0; d < depth && level.length; d++) {
    const next = all.filter((p) => level.includes(p.ppid));
    found.push(...next);
    level = next.map((p) => p.pid);
  }
  return found;
}

export function descendants(pid: number, depth = Infinity): number[] {
  return descendantProcs(pid, depth).map((p) => p.pid);
}

/** Signals a process only if it is still the one that was seen (same start time). */
export function killSame(proc: Proc, signal: NodeJS.Signals): void {
  if (stat(proc.pid)?.start !== proc.start) return;
  try {
    process.kill(proc.pid, signal);
  } catch {
    // Gone meanwhile.
  }
}

export function alive(proc: Proc): boolean {
  const now = stat(proc.pid);
  return now?.start === proc.start && now.state !== 'Z';
}

export async function waitFor(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
