import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError, fsReason } from '../../shared/errors.js';
import { printable } from '../../shared/text.js';
import { parseBundle } from './bundle.js';
import { BUNDLE_LIMITS } from './bundle-format.js';
import { unpackBundle, type UnpackedBundle } from './unpack.js';

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit)
      throw new ToolError(
        `--facts -: stdin is over ${limit} bytes, more than a facts bundle can be`,
      );
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('latin1');
}

async function readFile(file: string, limit: number): Promise<string> {
  const fh = await fsp.open(file, 'r').catch((err: unknown) => {
    throw new UsageError(
      `--facts ${file}: ${fsReason(err)} (give the file the collector's output was saved in)`,
    );
  });
  try {
    const st = await fh.stat();
    if (!st.isFile())
      throw new UsageError(
        `--facts ${file}: not a regular file (give the saved bundle, or - for stdin)`,
      );
    if (st.size > limit)
      throw new ToolError(
        `--facts ${file}: ${st.size} bytes is more than a facts bundle can be (${limit})`,
      );
    return (await fh.readFile()).toString('latin1');
  } finally {
    await fh.close();
  }
}

/**
 * The text of `--facts FILE` (or `-`: stdin) as latin1, refused when it is
 * not a regular file or larger than a bundle can be. The run, install and
 * check read a saved bundle through this one function.
 */
export function readBundleText(file: string): Promise<string> {
  return file === '-' ? readStdin(BUNDLE_LIMITS.text) : readFile(file, BUNDLE_LIMITS.text);
}

/** How messages name a bundle file, and the guest's name when the guest gave none. */
export function bundleOrigin(file: string): { label: string; fallbackName: string } {
  return file === '-'
    ? { label: 'stdin', fallbackName: 'guest' }
    : {
        label: printable(file),
        fallbackName: path.basename(file).replace(/\.(facts|txt|bundle)$/, ''),
      };
}

/** A saved bundle, read, checked and unpacked into a private root: what install and check read. */
export interface OpenedBundle {
  unpacked: UnpackedBundle;
  /** The guest's name: what it calls itself (uname -n), else the file's name. */
  name: string;
}

export async function openBundleFile(file: string): Promise<OpenedBundle> {
  const origin = bundleOrigin(file);
  const unpacked = await unpackBundle(parseBundle(await readBundleText(file), origin.label));
  return { unpacked, name: unpacked.live.hostname ?? origin.fallbackName };
}
