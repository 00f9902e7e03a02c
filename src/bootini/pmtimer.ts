import { displayText } from '../shared/bytes.js';
import { joinLines, type Line } from '../shared/lines.js';
import { OPERATING_SYSTEMS, parseBootIni, type BootIni, type OsEntry } from './model.js';

export const USEPMTIMER = '/usepmtimer';

export interface PmTimerEntry {
  index: number;
  line: number;
  /** The boot path as written (latin1). */
  path: string;
  /** The menu text as written between the quotes (latin1); undefined on a line without `=`. */
  description: string | undefined;
  /** `description` for people and JSON: UTF-8 where valid. */
  descriptionText: string | undefined;
  oldSwitches: string[];
  newSwitches: string[];
  changed: boolean;
  /** Why the line was left alone (also set when /usepmtimer was already there). */
  reason?: string;
}

export interface PmTimerEdit {
  /** The edited file; the input model is not modified. */
  model: BootIni;
  entries: PmTimerEntry[];
  /** Indices of the lines whose text changed, ascending: for output/diff.ts `unifiedDiff`. */
  changedLines: number[];
  /** Things worth telling the user that do not stop the edit (latin1, like paths). */
  warnings: string[];
  /** Set when the file cannot take the switch at all: no `[operating systems]` section. */
  problem?: string;
}

/**
 * The NT kernel finds its switches by searching the upper-cased load options,
 * so `/USEPMTIMER`, `/UsePmTimer`, or one glued to another switch all count.
 */
function hasPmTimer(switches: readonly string[]): boolean {
  return switches.some((s) => s.toLowerCase().includes(USEPMTIMER));
}

function skipReason(entry: OsEntry): string | undefined {
  switch (entry.kind) {
    case 'boot-sector':
      return entry.path.replace(/\\+$/, '').length <= 2
        ? `${entry.path} boots the previous operating system's boot sector (C:\\BOOTSECT.DOS, DOS or Windows 9x): no Windows NT kernel reads the switches`
        : `${entry.path} is a boot sector file NTLDR chain-loads, not a Windows NT kernel: the switch would reach no Windows kernel`;
    case 'unknown':
      return `${entry.path} is not an ARC path (multi(), scsi(), signature(), ramdisk()), so it is not known to boot a Windows NT kernel`;
  }
  if (entry.problem) return entry.problem;
  if (entry.switches.some((s) => s.toLowerCase() === '/cmdcons')) {
    return 'a Recovery Console entry (/cmdcons), not an installed Windows';
  }
  if (hasPmTimer(entry.switches)) return `${USEPMTIMER} is already there`;
  return undefined;
}

function defaultWarnings(ini: BootIni): string[] {
  const paths = new Set(ini.entries.map((e) => e.path.toLowerCase()));
  return ini.bootLoader
    .filter((s) => s.key === 'default' && !paths.has(s.value.toLowerCase()))
    .map(
      (s) =>
        `[boot loader] default=${s.value} (line ${s.line + 1}) matches no entry under [operating systems]: ` +
        `the default boot is none of the edited entries, so it may run without ${USEPMTIMER}`,
    );
}

/**
 * Appends ` /usepmtimer` to every [operating systems] line that boots a
 * Windows NT kernel and lacks it: after the last switch and before trailing
 * blanks, so the rest of the line keeps its bytes. Running it on its own
 * output changes nothing.
 */
export function addUsePmTimer(ini: BootIni): PmTimerEdit {
  const lines: Line[] = ini.lines.map((l) => ({ ...l }));
  const entries: PmTimerEntry[] = [];
  const changedLines: number[] = [];
  for (const entry of ini.entries) {
    const reason = skipReason(entry);
    const result: PmTimerEntry = {
      index: entry.index,
      line: entry.line,
      path: entry.path,
      description: entry.description,
      descriptionText: entry.description === undefined ? undefined : displayText(entry.description),
      oldSwitches: entry.switches,
      newSwitches: reason ? entry.switches : [...entry.switches, USEPMTIMER],
      changed: !reason,
    };
    if (reason) {
      result.reason = reason;
    } else {
      const line = lines[entry.line] as Line;
      line.text = `${line.text.slice(0, entry.switchesEnd)} ${USEPMTIMER}${line.text.slice(entry.switchesEnd)}`;
      changedLines.push(entry.line);
    }
    entries.push(result);
  }
  const edit: PmTimerEdit = {
    model: changedLines.length ? parseBootIni(joinLines(lines)) : ini,
    entries,
    changedLines,
    warnings: defaultWarnings(ini),
  };
  if (!ini.sections.some((s) => s.key === OPERATING_SYSTEMS)) {
    edit.problem = `no [operating systems] section: there is no boot entry to add ${USEPMTIMER} to`;
  } else if (!ini.entries.some((e) => e.kind === 'nt')) {
    edit.warnings.push(
      `no entry under [operating systems] boots a Windows NT kernel (an ARC path such as multi(0)disk(0)rdisk(0)partition(1)\\WINDOWS)`,
    );
  }
  if (ini.sections.filter((s) => s.key === OPERATING_SYSTEMS).length > 1) {
    edit.warnings.push(
      'more than one [operating systems] section: the entries of all of them were edited',
    );
  }
  return edit;
}
