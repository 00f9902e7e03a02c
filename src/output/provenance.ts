/**
 * The first line of every diff the tool writes: which file the edited copy
 * was made from, and that file's checksum and size then. `install` reads it
 * back to refuse a grub.conf that changed after the copy was made. GNU patch
 * and jsdiff skip lines before the first `---`, so the diff applies as ever.
 */
const PREFIX = '# fix-clock-drift: ';
const LINE = /^# fix-clock-drift: (.+) made from (.+) \(sha256 ([0-9a-f]{64}), (\d+) bytes\)$/;

export interface Provenance {
  output: string;
  input: string;
  sha256: string;
  bytes: number;
}

export async function sha256Of(bytes: Uint8Array): Promise<string> {
  // Loaded when a diff is made: start-up of a run that writes nothing does not pay for it.
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** The diff with its provenance line in front; an empty diff stays empty. */
export async function withProvenance(
  patch: string,
  input: { name: string; bytes: Uint8Array },
  outputName: string,
): Promise<string> {
  if (patch === '') return patch;
  const line = `${PREFIX}${outputName} made from ${input.name} (sha256 ${await sha256Of(input.bytes)}, ${input.bytes.length} bytes)`;
  return `${line}\n${patch}`;
}

/** The provenance a diff's first line records, or undefined when it has none. */
export function readProvenance(diffText: string): Provenance | undefined {
  const first = diffText.slice(
    0,
    diffText.indexOf('\n') === -1 ? undefined : diffText.indexOf('\n'),
  );
  const m = LINE.exec(first);
  if (!m) return undefined;
  return {
    output: m[1] as string,
    input: m[2] as string,
    sha256: m[3] as string,
    bytes: Number(m[4]),
  };
}
