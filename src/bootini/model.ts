import { joinLines, splitLines, type Line } from '../shared/lines.js';
import { parseOsLine, type OsLine } from './osline.js';
import { isBlankOrComment, parseKeyValue, sectionKey } from './syntax.js';

export const BOOT_LOADER = 'boot loader';
export const OPERATING_SYSTEMS = 'operating systems';

export interface BootIniSection {
  /** Trimmed, lower case: the form names are matched in. */
  key: string;
  headerLine: number;
  /** One past the section's last line. */
  endLine: number;
}

export interface BootLoaderSetting {
  line: number;
  /** Lower case, trimmed (`default`, `timeout`, ...). */
  key: string;
  value: string;
}

export interface OsEntry extends OsLine {
  /** Position among all entries of the file, from 0. */
  index: number;
  line: number;
}

/**
 * A boot.ini held as its physical lines (latin1 text, see grub/bytes.ts), so
 * that serializing gives back the input byte for byte whatever it holds;
 * everything else is an index into those lines.
 */
export interface BootIni {
  lines: Line[];
  sections: BootIniSection[];
  /** `key=value` lines of every `[boot loader]` section, in order. */
  bootLoader: BootLoaderSetting[];
  /** Non-blank, non-comment lines of every `[operating systems]` section, in order. */
  entries: OsEntry[];
}

export function parseBootIni(content: string): BootIni {
  const ini: BootIni = { lines: splitLines(content), sections: [], bootLoader: [], entries: [] };
  let section: BootIniSection | undefined;
  ini.lines.forEach((l, i) => {
    const key = sectionKey(l.text);
    if (key !== undefined) {
      if (section) section.endLine = i;
      section = { key, headerLine: i, endLine: ini.lines.length };
      ini.sections.push(section);
      return;
    }
    if (!section || isBlankOrComment(l.text)) return;
    if (section.key === BOOT_LOADER) {
      const kv = parseKeyValue(l.text);
      if (kv) ini.bootLoader.push({ line: i, ...kv });
    } else if (section.key === OPERATING_SYSTEMS) {
      ini.entries.push({ index: ini.entries.length, line: i, ...parseOsLine(l.text) });
    }
  });
  return ini;
}

export function serializeBootIni(ini: BootIni): string {
  return joinLines(ini.lines);
}
