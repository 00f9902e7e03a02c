import { formatCommandLine, parseCommandLine } from '../grub/cmdline.js';
import { applyArgs } from '../grub/edit.js';
import { parseGrubConfig } from '../grub/model.js';
import { defaultEntry } from '../grub/select.js';
import type { RootFs } from '../shared/rootfs.js';
import { looked, printable } from './evidence.js';
import { kernelArgs, lastValue } from './proc-cmdline.js';
import type { Evidence } from './types.js';

/** The file the document edits on the host. */
export const GRUB_CONF = '/boot/grub/grub.conf';
const GRUB_MAX = 1024 * 1024;

export type DefaultKernelLine =
  | {
      ok: true;
      path: string;
      /** The default entry's kernel line as written, indentation dropped. */
      line: string;
      /** The same line with the parameter set, as grubby would set it. */
      edited: string;
      /** The parameter already has the value on that line. */
      has: boolean;
    }
  | { ok: false; evidence: Evidence };

/**
 * The kernel line the host boots by default in /boot/grub/grub.conf, and
 * that line with `param` (name=value) set. It lets the remedy show the
 * host's own line instead of the document's example, and tells a host that
 * was edited but not rebooted from one that was never edited.
 */
export async function readDefaultKernelLine(fs: RootFs, param: string): Promise<DefaultKernelLine> {
  const r = await fs.readText(GRUB_CONF, { max: GRUB_MAX, encoding: 'latin1' });
  if (!r.ok) return { ok: false, evidence: looked(r) };
  const config = parseGrubConfig(r.text);
  const d = defaultEntry(config);
  if (!d.entry) return { ok: false, evidence: { path: r.path, found: d.problem ?? 'no entries' } };
  if (d.entry.linuxLine === undefined) {
    return {
      ok: false,
      evidence: { path: r.path, found: `default entry ${d.entry.index} boots no Linux kernel` },
    };
  }
  const text = config.lines[d.entry.linuxLine]?.text ?? '';
  const cl = parseCommandLine(text);
  if (!cl)
    return { ok: false, evidence: { path: r.path, found: 'unreadable default kernel line' } };
  const eq = param.indexOf('=');
  const has =
    lastValue(kernelArgs(cl.args.map((a) => a.text).join(' ')), param.slice(0, eq)) ===
    param.slice(eq + 1);
  applyArgs(cl, [param]);
  return {
    ok: true,
    path: r.path,
    line: printable(text, 1000),
    edited: printable(formatCommandLine(cl), 1000),
    has,
  };
}
