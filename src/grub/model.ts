import { commandImage } from './cmdline.js';
import { keywordOf, valueStart } from './directive.js';
import { joinLines, splitLines, type Line } from '../shared/lines.js';

/**
 * - `linux`: a `kernel` line that boots Linux; arguments go on it.
 * - `multiboot`: `kernel` loads a hypervisor (Xen's /xen.gz, tboot) and the
 *   first `module` line is the Linux kernel; arguments go there.
 * - `none`: nothing boots Linux (chainloader, no kernel line): left alone.
 */
export type EntryKind = 'linux' | 'multiboot' | 'none';

export interface GrubEntry {
  index: number;
  /** The title as written (latin1 text, see bytes.ts). */
  title: string;
  titleLine: number;
  /** One past the entry's last line. */
  endLine: number;
  kind: EntryKind;
  /** The line whose arguments are the Linux command line. */
  linuxLine?: number;
  /** Path of the Linux kernel image. */
  image?: string;
  /** In multiboot entries: what the `kernel` line loads. */
  hypervisor?: string;
  /** For `none` entries: why nothing is edited there. */
  reason?: string;
  /**
   * How many `kernel` lines the entry has when more than one: GRUB runs
   * each in turn and boots the one loaded last, so that one is edited.
   */
  kernelLines?: number;
}

export interface DefaultDirective {
  line: number;
  value: string;
}

export interface GrubConfig {
  lines: Line[];
  entries: GrubEntry[];
  /** Every `default` line before the first entry, in order (GRUB uses the last). */
  defaults: DefaultDirective[];
  /**
   * For `default saved`: the entry number GRUB's `savedefault` left in the
   * `default` file beside the config, when it was read (see grub/config.ts).
   */
  saved?: { entry: number; source: string };
}

function finishEntry(
  config: GrubConfig,
  entry: GrubEntry,
  kernels: number[],
  modules: number[],
  loader: string | undefined,
): void {
  const lines = config.lines;
  const kernelLine = kernels.at(-1);
  if (kernels.length > 1) entry.kernelLines = kernels.length;
  if (kernelLine === undefined) {
    entry.kind = 'none';
    entry.reason = loader ? `chainloader ${loader}` : 'no kernel line';
    return;
  }
  const kernelImage = commandImage((lines[kernelLine] as Line).text);
  if (!kernelImage) {
    entry.kind = 'none';
    entry.reason = 'kernel line names no image';
    return;
  }
  // Loading a multiboot kernel drops the modules loaded before it (GRUB's
  // load_image sets mods_count to 0), and Xen boots the first module after
  // it as dom0's kernel.
  const first = modules.find((m) => m > kernelLine);
  if (first === undefined) {
    entry.kind = 'linux';
    entry.linuxLine = kernelLine;
    entry.image = kernelImage;
    return;
  }
  const moduleImage = commandImage((lines[first] as Line).text);
  entry.hypervisor = kernelImage;
  if (!moduleImage) {
    entry.kind = 'none';
    entry.reason = `multiboot (${kernelImage}) with an empty module line`;
    return;
  }
  entry.kind = 'multiboot';
  entry.linuxLine = first;
  entry.image = moduleImage;
}

export function parseGrubConfig(content: string): GrubConfig {
  const config: GrubConfig = { lines: splitLines(content), entries: [], defaults: [] };
  let entry: GrubEntry | undefined;
  let kernels: number[] = [];
  let modules: number[] = [];
  let loader: string | undefined;
  const close = (end: number): void => {
    if (!entry) return;
    entry.endLine = end;
    finishEntry(config, entry, kernels, modules, loader);
    config.entries.push(entry);
  };
  config.lines.forEach((line, i) => {
    const keyword = keywordOf(line.text);
    if (!keyword) return;
    const value = (): string => line.text.slice(valueStart(line.text, keyword));
    switch (keyword) {
      case 'title':
        close(i);
        entry = {
          index: config.entries.length,
          title: value().replace(/[ \t]+$/, ''),
          titleLine: i,
          endLine: i + 1,
          kind: 'none',
        };
        kernels = [];
        modules = [];
        loader = undefined;
        return;
      case 'default':
        if (!entry) config.defaults.push({ line: i, value: value().trim() });
        return;
      case 'kernel':
        if (entry) kernels.push(i);
        return;
      case 'module':
        if (entry) modules.push(i);
        return;
      case 'chainloader':
        if (entry) loader = value().trim();
        return;
    }
  });
  close(config.lines.length);
  return config;
}

export function serializeGrubConfig(config: GrubConfig): string {
  return joinLines(config.lines);
}
