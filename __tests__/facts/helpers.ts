import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/roots',
);

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** An ELF header: magic, class, byte order, version, e_type EXEC, e_machine; padded like a real one. */
export function elf(bits: 32 | 64, machine: number, littleEndian = true): Buffer {
  const b = Buffer.alloc(bits === 64 ? 64 : 52);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = bits === 64 ? 2 : 1;
  b[5] = littleEndian ? 1 : 2;
  b[6] = 1;
  if (littleEndian) {
    b.writeUInt16LE(2, 16);
    b.writeUInt16LE(machine, 18);
  } else {
    b.writeUInt16BE(2, 16);
    b.writeUInt16BE(machine, 18);
  }
  return b;
}

export type Entry = string | Buffer | { link: string } | { dir: true } | { fifo: true };

const made: string[] = [];

/** A throw-away guest root built from a path -> content map (links, directories and FIFOs too). */
export async function makeRoot(entries: Record<string, Entry>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fcd-root-'));
  made.push(root);
  for (const [rel, entry] of Object.entries(entries)) {
    const p = path.join(root, rel);
    await mkdir(path.dirname(p), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await writeFile(p, entry);
    else if ('link' in entry) await symlink(entry.link, p);
    else if ('dir' in entry) await mkdir(p, { recursive: true });
    else execFileSync('mkfifo', [p]);
  }
  return root;
}

export async function removeRoots(): Promise<void> {
  await Promise.all(made.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}

export const isRoot = process.getuid?.() === 0;
