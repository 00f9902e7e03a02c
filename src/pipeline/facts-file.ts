import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ToolError, UsageError, fsReason } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { printable } from '../shared/text.js';
import { BUNDLE_LIMITS } from '../facts/sources/bundle-format.js';
import { bundleGuest } from './bundle-guest.js';
import { scriptSink } from './script-sink.js';
import type { OpenGuest } from './open-guest.js';

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

async function readBundleFile(file: string, limit: number): Promise<string> {
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

/** `--facts FILE` (or `-`): a guest known only by the bundle its collector printed. */
export async function factsFileGuest(options: Options, file: string): Promise<OpenGuest> {
  const text =
    file === '-'
      ? await readStdin(BUNDLE_LIMITS.text)
      : await readBundleFile(file, BUNDLE_LIMITS.text);
  // Messages name the file as given; a guest that gave no name of its own is named after it.
  return bundleGuest(
    options,
    text,
    file === '-'
      ? { label: 'stdin', fallbackName: 'guest' }
      : {
          label: printable(file),
          fallbackName: path.basename(file).replace(/\.(facts|txt|bundle)$/, ''),
        },
    (guest, root) =>
      options.emitWriter === undefined ? undefined : scriptSink(guest, root, options.emitWriter),
  );
}
