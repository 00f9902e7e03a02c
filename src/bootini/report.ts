import { displayText } from '../shared/bytes.js';
import { targetReport } from '../output/report.js';
import type { JsonObject, Summary } from '../output/target.js';
import type { BootIniResult } from './prepare.js';

/** The --json report of a boot.ini run. */
export function bootIniReport(r: BootIniResult): JsonObject {
  return targetReport(r, {
    params: ['/usepmtimer'],
    rule: {
      source: 'RHEV 3.4 Administration Guide 9.16.3',
      reason: 'Windows guests: add /usepmtimer to the OS entries of boot.ini',
    },
    entries: r.entries.map((e) => ({
      index: e.index,
      line: e.line + 1,
      path: displayText(e.path),
      description: e.descriptionText ?? null,
      oldSwitches: e.oldSwitches.map(displayText),
      newSwitches: e.newSwitches.map(displayText),
      changed: e.changed,
      leftAlone: e.reason ? displayText(e.reason) : null,
    })),
  });
}

/** The prose report of a boot.ini run. */
export function bootIniSummary(r: BootIniResult): Summary {
  const before = [
    `fix-clock-drift: ${r.inputPath} (Windows boot.ini)`,
    '',
    'Rule:       RHEV 3.4 Administration Guide 9.16.3: Windows guests get /usepmtimer on their OS entries',
    '',
    'Entries:',
  ];
  for (const e of r.entries) {
    const what = e.changed ? '+/usepmtimer' : `left alone: ${displayText(e.reason ?? 'unchanged')}`;
    before.push(
      `  ${String(e.index).padStart(2)} ${displayText(e.path)} ${e.descriptionText ? `"${e.descriptionText}"` : ''}`,
      `       ${what}`,
    );
  }
  if (r.warnings.length)
    for (const w of ['', 'Warnings:', ...r.warnings.map((x) => `  ! ${displayText(x)}`)])
      before.push(w);
  before.push('');
  const after: string[] = [];
  switch (r.outcome) {
    case 'unchanged':
      after.push(
        'Every OS entry already has /usepmtimer (or cannot take it): nothing to change, nothing written.',
      );
      break;
    case 'dry-run':
      after.push(`Dry run: nothing written (would write ${r.output} and ${r.diffPath}).`);
      break;
    case 'stdout':
      after.push('The edited boot.ini went to stdout; nothing was written.');
      break;
    case 'script':
    case 'current':
      after.push(
        `${r.output} and ${r.diffPath} are already there with exactly this content: nothing written.`,
      );
      break;
    case 'written':
      after.push(
        `Wrote ${r.output} and ${r.diffPath}.`,
        '',
        'Next steps (boot.ini has not been touched):',
        `  1. Back up:  cp -p ${r.inputPath} ${r.inputPath}.bak`,
        `  2. Review:   less ${r.diffPath}   (only /usepmtimer may be added)`,
        `  3. Install:  mv ${r.output} ${r.inputPath}   (on Windows: attrib -r -h -s C:\\boot.ini first, then copy, then attrib +r +h +s C:\\boot.ini)`,
        '  4. Boot the guest and check the clock',
      );
      break;
  }
  return { before, after };
}
