import path from 'node:path';
import { displayText } from '../shared/bytes.js';
import { tokenize } from '../shared/cmdline.js';
import type { RootFs } from '../shared/rootfs.js';
import { parseCommandLine, argsLength } from '../grub/cmdline.js';
import { parseGrubConfig } from '../grub/model.js';
import { defaultEntry } from '../grub/select.js';
import { kernelOfImage } from '../plan/kernel.js';

/** GRUB legacy's config, where the collector and install look for it. */
const CANDIDATES = ['/boot/grub/grub.conf', '/boot/grub/menu.lst', '/etc/grub.conf'];
const MAX = 16 * 1024 * 1024;

/** The kernel command line grub.conf's default entry gives, or why it cannot be told. */
export type DefaultLine =
  | {
      ok: true;
      index: number;
      title: string;
      /** The kernel version its image names ("2.6.18-164.el5"), if it names one. */
      kernel?: string;
      /** Its arguments as written (latin1). */
      args: string[];
      /** Bytes of its command line, as GRUB hands it to the kernel. */
      length: number;
      /** "g54:/boot/grub/grub.conf line 16". */
      source: string;
      /** The other entries' kernels, to tell which one booted. */
      kernels: { index: number; title: string; kernel?: string }[];
    }
  | { ok: false; why: string };

/** The kernel's own arguments of a command line: split as the kernel splits them, up to `--`. */
export function kernelArgs(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text.replace(/[\r\n]+/g, ' ')).tokens) {
    if (t.text === '--') break;
    out.push(t.text);
  }
  return out;
}

async function savedDefault(
  fs: RootFs,
  real: string,
): Promise<{ entry: number; source: string } | undefined> {
  const dir = path.posix.dirname(real);
  const r = await fs.readText(`${dir}/default`, { max: 64, encoding: 'latin1' });
  const m = r.ok ? /^\s*(\d{1,6})\b/.exec(r.text) : null;
  return m && r.ok ? { entry: Number(m[1]), source: r.path } : undefined;
}

/** Reads grub.conf (the first of the usual places) and its default entry's Linux command line. */
export async function readDefaultLine(fs: RootFs): Promise<DefaultLine> {
  let found: string | undefined;
  for (const c of CANDIDATES) {
    if (await fs.exists(c)) {
      found = c;
      break;
    }
  }
  if (found === undefined)
    return { ok: false, why: `no ${CANDIDATES.map((c) => fs.hostPath(c)).join(', ')}` };
  const r = await fs.readText(found, { max: MAX, encoding: 'latin1' });
  if (!r.ok) return { ok: false, why: `${r.path}: ${r.reason}` };
  const config = parseGrubConfig(r.text);
  if (config.defaults.at(-1)?.value === 'saved') {
    const real = await fs.resolve(found);
    const guestPath = real.ok ? `/${path.relative(fs.root, real.path)}` : found;
    const saved = await savedDefault(fs, guestPath);
    if (saved) config.saved = saved;
  }
  const d = defaultEntry(config);
  if (!d.entry) return { ok: false, why: `${r.path}: ${d.problem ?? 'no entries'}` };
  const e = d.entry;
  const text = e.linuxLine === undefined ? undefined : config.lines[e.linuxLine]?.text;
  const cl = text === undefined ? undefined : parseCommandLine(text);
  if (e.linuxLine === undefined || !cl)
    return {
      ok: false,
      why: `${r.path}: the default entry ${e.index} boots no Linux kernel (${e.reason ?? e.kind})`,
    };
  const kernels = config.entries.map((x) => {
    const k = kernelOfImage(x.image).version;
    return k === undefined
      ? { index: x.index, title: displayText(x.title) }
      : { index: x.index, title: displayText(x.title), kernel: k };
  });
  const kernel = kernelOfImage(e.image).version;
  const line: DefaultLine = {
    ok: true,
    index: e.index,
    title: displayText(e.title),
    args: cl.args.map((t) => t.text),
    length: argsLength(cl),
    source: `${r.path} line ${e.linuxLine + 1}`,
    kernels,
  };
  if (kernel !== undefined) line.kernel = kernel;
  return line;
}
