import path from 'node:path';
import type { DetectedFacts } from '../facts/detect/types.js';
import type { Fact, Facts } from '../facts/types.js';
import { displayText } from '../shared/bytes.js';
import type { EntryEdit } from './edit.js';
import type { EntryPlan, ParamsOrigin } from '../plan/types.js';
import type { RunResult } from './result.js';
import { pvclockWords } from '../rules/select.js';

function show(v: unknown): string {
  if (v === undefined) return 'unknown';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object' && v !== null) {
    return Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${k} ${show(x)}`)
      .join(', ');
  }
  return String(v);
}

function factLine(label: string, f: Fact<unknown>): string {
  const how = f.assumed ? 'assumed: ' : f.value === undefined ? '' : 'from ';
  const note = f.note ? ` (${f.note})` : '';
  return `  ${label.padEnd(13)} ${show(f.value).padEnd(10)} ${how}${f.source}${note}`;
}

const DECISION_FACTS: [keyof Facts, string][] = [
  ['release', 'release'],
  ['arch', 'arch'],
  ['pvclock', 'kvm-clock'],
  ['lpj', 'lpj'],
];

const OTHER_FACTS: [keyof DetectedFacts, string][] = [
  ['distro', 'system'],
  ['clocksource', 'clocksource'],
  ['constantTsc', 'constant_tsc'],
  ['hypervisor', 'hypervisor'],
  ['ntp', 'ntp'],
];

/** The facts the rules were asked with, then what else detection found, each with its source. */
export function factLines(facts: Facts, detected?: DetectedFacts): string[] {
  const lines = DECISION_FACTS.map(([k, label]) => factLine(label, facts[k] as Fact<unknown>));
  if (detected) {
    for (const [k, label] of OTHER_FACTS) lines.push(factLine(label, detected[k] as Fact<unknown>));
  }
  return lines;
}

export function originText(origin: ParamsOrigin | undefined): string {
  if (!origin) return 'none consulted';
  if (origin.kind === 'params-flag') return 'none consulted: parameters given with --params';
  const { match, template } = origin;
  const row = match.row;
  const pv = pvclockWords(row);
  const params = template.length ? template.join(' ') : 'no additional parameters';
  return `${row.source}, row ${row.row}: ${row.release.label} ${row.arch}${pv} -> ${params} (${match.exact ? 'exact match' : 'extrapolated'})`;
}

function ruleLines(result: RunResult): string[] {
  const lines: string[] = [];
  if (result.ruleNote) lines.push(`Rule set:   ${result.ruleNote}`);
  if (result.perEntry)
    lines.push(
      'Rule:       per entry, from the release of the kernel each entry boots (see Entries)',
    );
  else lines.push(`Rule:       ${originText(result.origin)}`);
  const params = result.params.length ? result.params.map(displayText).join(' ') : 'none';
  lines.push(`Parameters: ${params}`);
  return lines;
}

function entryDetail(
  entry: NonNullable<RunResult['config']>['entries'][number],
  plan: EntryPlan | undefined,
  edit: EntryEdit | undefined,
  result: RunResult,
): string {
  if (entry.kind === 'none') return `left alone: boots no Linux kernel (${entry.reason})`;
  if (!plan) return 'not selected';
  if (plan.skipped) return `left alone: ${plan.skipped}`;
  if (edit?.skipped) return `left alone: ${edit.skipped}`;
  const where =
    entry.kind === 'multiboot'
      ? ` (on its module line; ${entry.hypervisor} is the hypervisor)`
      : '';
  const what = (edit?.changes ?? [])
    .filter((c) => c.action !== 'kept')
    .map((c) => (c.action === 'appended' ? `+${c.arg}` : `${c.old} -> ${c.arg}`))
    .map(displayText);
  const decided = result.perEntry
    ? `RHEL ${plan.release} (${plan.releaseSource}): ${originText(plan.origin)}\n       `
    : '';
  if (plan.params.length === 0) return `${decided}no parameters needed`;
  return `${decided}${what.length ? `${what.join(' ')}${where}` : 'already has the parameters'}`;
}

function entryLines(result: RunResult): string[] {
  const plans = new Map(result.plans.map((p) => [p.index, p]));
  const edits = new Map(result.edits.map((e) => [e.entry.index, e]));
  return (result.config?.entries ?? []).map((entry) => {
    const head = `  ${String(entry.index).padStart(2)} ${displayText(entry.title)}`;
    return `${head}\n       ${entryDetail(entry, plans.get(entry.index), edits.get(entry.index), result)}`;
  });
}

/** The administrator's steps after a run that wrote grub.conf.kvm. */
export function nextSteps(input: string, output: string, diffPath: string, root: string): string[] {
  const backup = path.join(path.dirname(input), `${path.basename(input)}.bak`);
  const onGuest = path.resolve(root) === '/';
  return [
    'Next steps (grub.conf has not been touched):',
    `  1. Back up:  cp -p ${input} ${backup}`,
    `  2. Review:   less ${diffPath}   (only the kernel lines listed above may differ)`,
    `               diff ${input} ${output}`,
    `  3. Install:  mv ${output} ${input}`,
    ...(output === `${input}.kvm`
      ? [
          `               or fix-clock-drift install${onGuest ? '' : ` --root ${root}`}   (checks the pair, backs up, renames)`,
        ]
      : []),
    onGuest ? '  4. Reboot:   reboot' : '  4. Unmount the guest disk and boot the guest',
    '  5. Check:    cat /proc/cmdline   (on the guest after boot: the parameters are there)',
    `               or fix-clock-drift check${onGuest ? '' : ' --ssh GUEST'}   (the parameters, the clocksource, NTP)`,
  ];
}

/**
 * The steps for a guest read from a bundle or over SSH: commands to run on
 * the guest itself, after copying the pair there when it was written here.
 */
export function guestSteps(
  guest: { name: string; real: string },
  output: string,
  diffPath: string,
  onGuest: boolean,
): string[] {
  const real = guest.real;
  const kvm = `${real}.kvm`;
  const copy = onGuest
    ? []
    : [
        `  0. Copy:     scp ${output} ${guest.name}:${kvm}`,
        `               scp ${diffPath} ${guest.name}:${kvm}.diff`,
      ];
  return [
    `Next steps, on ${guest.name} as root (grub.conf has not been touched):`,
    ...copy,
    `  1. Back up:  cp -p ${real} ${real}.bak`,
    `  2. Review:   less ${kvm}.diff   (only the kernel lines listed above may differ)`,
    `               diff ${real} ${kvm}`,
    `  3. Install:  mv ${kvm} ${real}`,
    ...(onGuest
      ? [
          `               or, from here: fix-clock-drift install --ssh ${guest.name}   (checks the pair, backs up, renames)`,
        ]
      : []),
    '  4. Reboot:   reboot',
    '  5. Check:    cat /proc/cmdline   (after boot: the parameters are there)',
    ...(onGuest ? [`               or, from here: fix-clock-drift check --ssh ${guest.name}`] : []),
  ];
}

function outcomeLines(result: RunResult): string[] {
  switch (result.outcome) {
    case 'not-rhel':
      return [
        'Not a RHEL guest: the RHEL tables give no parameters; nothing written. (Give --release and --arch, or --params, to decide anyway.)',
      ];
    case 'no-params':
      return result.clockUse.length > 0 || result.warnings.some((w) => w.includes(' drifts today'))
        ? [
            'No additional kernel parameters are needed for this guest, but it does not use its kvm-clock now and drifts: remove what the warnings name. Nothing written.',
          ]
        : ['No additional kernel parameters are needed for this guest: nothing written.'];
    case 'not-edited':
      return [
        'No entry could be edited: the entries that need parameters were left alone (see Entries and Warnings for why and what to do). Nothing written.',
      ];
    case 'unchanged':
      return [
        'Every selected entry already has these parameters: nothing to change, nothing written.',
      ];
    case 'dry-run': {
      const at = result.where === undefined ? '' : `${result.where}:`;
      return [
        `Dry run: nothing written (would write ${at}${result.output} and ${at}${result.diffPath}).`,
      ];
    }
    case 'current': {
      const at = result.where === undefined ? '' : `${result.where}:`;
      return [
        `${at}${result.output} and ${at}${result.diffPath} are already there with exactly this content (a run before made them from the same grub.conf): nothing written.`,
      ];
    }
    case 'script':
      return [
        `The writer for ${result.where} is in ${result.script}: run it there as root (an Ansible raw task, or sh ${path.basename(result.script ?? 'writer.sh')} on the guest) to write ${result.output} and ${result.diffPath} beside grub.conf. Nothing was written on the guest yet.`,
      ];
    case 'declined':
      return ['Nothing written: you chose not to write the files.'];
    case 'ready':
      return [`Ready to write ${result.output} and ${result.diffPath}.`];
    case 'stdout':
      return ['The edited config went to stdout; nothing was written.'];
    case 'written': {
      const input = result.input;
      const mode = ((input?.mode ?? 0) & 0o777).toString(8).padStart(4, '0');
      // Through a symlink, the file to back up and replace is the link's target.
      const real = input?.linkTarget ?? (result.inputPath as string);
      const [output, diff] = [result.output as string, result.diffPath as string];
      const at = result.where === undefined ? '' : `${result.where}:`;
      return [
        `Wrote ${at}${output} and ${at}${diff} (mode ${mode}, as ${real}).`,
        '',
        ...(input?.guest
          ? guestSteps(input.guest, output, diff, result.where !== undefined)
          : nextSteps(real, output, diff, result.root)),
      ];
    }
  }
}

/** The prose report: what is printed before the diff, and after it. */
export function renderSummary(result: RunResult): { before: string[]; after: string[] } {
  // concat, not push(...): a grub.conf can have more entries than a call has argument slots.
  let before = [`fix-clock-drift: ${result.inputPath ?? result.root}`, '', 'Guest facts:'];
  before = before.concat(factLines(result.facts, result.detected));
  if (result.detectionSkipped) before.push(`  (detection skipped: ${result.detectionSkipped})`);
  before = before.concat('', ruleLines(result));
  if (result.config && result.plans.length + result.edits.length > 0) {
    before = before.concat('', 'Entries:', entryLines(result));
  }
  if (result.warnings.length) {
    before = before.concat(
      '',
      'Warnings:',
      result.warnings.map((w) => `  ! ${displayText(w)}`),
    );
  }
  if (result.advice.length)
    before = before.concat(
      '',
      'Advice:',
      result.advice.map((a) => `  * ${a}`),
    );
  before.push('');
  return { before, after: outcomeLines(result) };
}
