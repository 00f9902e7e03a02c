/**
 * Editing realistic grub.conf files: the parser finds the Linux command line
 * the generator put there, the edit is idempotent, and it changes nothing but
 * the selected Linux command lines, and those only by the planned parameters.
 *
 * Replaying a failure: fast-check prints the seed and path of the failing
 * run; FC_SEED=<seed> FC_PATH=<path> npm test -- __tests__/property runs
 * exactly that case again (FC_RUNS_SCALE=10 multiplies the runs for a soak;
 * see runs() in arbitraries.ts).
 */
import fc from 'fast-check';
import { UsageError } from '../../src/shared/errors.js';
import { argName } from '../../src/shared/cmdline.js';
import { parseCommandLine, type CommandLine } from '../../src/grub/cmdline.js';
import { editEntries } from '../../src/grub/edit.js';
import type { Line } from '../../src/shared/lines.js';
import {
  parseGrubConfig,
  serializeGrubConfig,
  type GrubConfig,
  type GrubEntry,
} from '../../src/grub/model.js';
import { selectEntries } from '../../src/grub/select.js';
import { grubFile, paramSet, runs, type GrubFile } from './arbitraries.js';

type How = 'all' | 'indices' | 'array';

/** Which entries to edit: all Linux ones, some by number, or any sub-array (none entries too). */
const selection = fc.record({
  how: fc.constantFrom<How>('all', 'indices', 'indices', 'array', 'array'),
  mask: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
  duplicate: fc.boolean(),
});

/**
 * The entries to pass to editEntries, and the numbers of the entries meant,
 * worked out from the generator's model rather than from what the parser or
 * selectEntries say.
 */
function pick(
  file: GrubFile,
  config: GrubConfig,
  sel: { how: How; mask: boolean[]; duplicate: boolean },
): { entries: GrubEntry[]; meant: number[] } {
  const chosen = (i: number): boolean => sel.mask[i % sel.mask.length]!;
  const numbers = file.entries.map((_, i) => i);
  const linux = numbers.filter((i) => file.entries[i]!.kind !== 'none');
  if (sel.how === 'all') {
    return { entries: selectEntries(config, { kind: 'all' }, 'grub.conf').entries, meant: linux };
  }
  if (sel.how === 'array') {
    const meant = numbers.filter(chosen);
    return { entries: meant.map((i) => config.entries[i]!), meant };
  }
  const meant = linux.filter(chosen);
  // Asking twice for one entry must not edit it twice.
  const indices = sel.duplicate && meant.length > 0 ? [...meant, meant[0]!] : meant;
  return {
    entries: selectEntries(config, { kind: 'indices', indices }, 'grub.conf').entries,
    meant,
  };
}

function args(cl: CommandLine): string[] {
  return cl.args.map((t) => t.text);
}

/** Old arguments whose names no parameter uses, in order. */
function untouched(list: readonly string[], params: readonly string[]): string[] {
  const names = new Set(params.map(argName));
  return list.filter((a) => !names.has(argName(a)));
}

/**
 * The planned edit, written without applyArgs's loop: every argument named
 * like a parameter becomes that parameter (the clock parameters of the rule
 * tables are all read once per occurrence by Linux, so a stale duplicate left
 * after the first would win); parameters not on the line are appended.
 */
function planned(old: readonly string[], params: readonly string[]): string[] {
  const byName = new Map(params.map((p) => [argName(p), p]));
  const out = old.map((a) => byName.get(argName(a)) ?? a);
  for (const p of params) if (!old.some((a) => argName(a) === argName(p))) out.push(p);
  return out;
}

function copyLines(lines: readonly Line[]): Line[] {
  return lines.map((l) => ({ ...l }));
}

describe('the parser on realistic grub.conf files', () => {
  it('finds each entry, its kind and its Linux line (kernel, or first module under Xen)', () => {
    fc.assert(
      fc.property(grubFile, (file: GrubFile) => {
        const config = parseGrubConfig(file.text);
        expect(serializeGrubConfig(config)).toBe(file.text);
        const seen = config.entries.map((e) => [
          e.titleLine,
          e.kind,
          e.linuxLine,
          e.image,
          e.hypervisor,
        ]);
        const meant = file.entries.map((e) => [
          e.titleLine,
          e.kind,
          e.linuxLine,
          e.image,
          e.hypervisor,
        ]);
        expect(seen).toEqual(meant);
        for (const e of file.entries) {
          if (e.linuxLine === undefined || e.unbalanced) continue;
          // The arguments are the words generated, blanks and quotes understood.
          const cl = parseCommandLine(config.lines[e.linuxLine]!.text)!;
          expect(args(cl)).toEqual(e.args);
          expect(cl.unbalancedQuote).toBe(false);
        }
      }),
      runs(300),
    );
  });
});

describe('editEntries on realistic grub.conf files', () => {
  it('is idempotent: a second edit, of the same config or of the written file, changes nothing', () => {
    fc.assert(
      fc.property(grubFile, paramSet, selection, (file, params, sel) => {
        const config = parseGrubConfig(file.text);
        const { entries } = pick(file, config, sel);
        editEntries(config, entries, params);
        const once = serializeGrubConfig(config);
        const again = editEntries(config, entries, params);
        expect(serializeGrubConfig(config)).toBe(once);
        expect(again.filter((e) => e.changed)).toEqual([]);
        // Running the tool on its own output (grub.conf.kvm) changes nothing either.
        const reread = parseGrubConfig(once);
        editEntries(reread, pick(file, reread, sel).entries, params);
        expect(serializeGrubConfig(reread)).toBe(once);
      }),
      runs(300),
    );
  });

  it('changes only the selected Linux command lines, and only by the planned parameters', () => {
    fc.assert(
      fc.property(grubFile, paramSet, selection, (file, params, sel) => {
        const config = parseGrubConfig(file.text);
        const before = copyLines(config.lines);
        const { entries, meant } = pick(file, config, sel);
        const edits = editEntries(config, entries, params);
        // Linux line -> whether it has an open quote, for the entries meant.
        const targets = new Map<number, boolean>();
        for (const i of meant) {
          const m = file.entries[i]!;
          if (m.linuxLine !== undefined) targets.set(m.linuxLine, m.unbalanced);
        }
        // `changed` and `line` tell the truth.
        for (const edit of edits) {
          expect(targets.has(edit.line)).toBe(true);
          expect(edit.skipped !== undefined).toBe(targets.get(edit.line));
          if (edit.changed) expect(config.lines[edit.line]!.text).not.toBe(before[edit.line]!.text);
        }

        expect(config.lines.length).toBe(before.length);
        config.lines.forEach((line, i) => {
          const old = before[i]!;
          expect(line.eol).toBe(old.eol);
          const unbalanced = targets.get(i);
          if (unbalanced === undefined || unbalanced) {
            // Not a selected Linux line, or one whose open quote would swallow anything added.
            expect(line.text).toBe(old.text);
            return;
          }
          const oldCl = parseCommandLine(old.text)!;
          const newCl = parseCommandLine(line.text)!;
          expect(newCl.prefix).toBe(oldCl.prefix);
          expect(newCl.image).toBe(oldCl.image);
          expect(newCl.unbalancedQuote).toBe(false);
          const oldArgs = args(oldCl);
          const newArgs = args(newCl);
          // Arguments the parameters do not name stay, in order.
          expect(untouched(newArgs, params)).toEqual(untouched(oldArgs, params));
          // Nothing but old arguments and the parameters.
          for (const a of newArgs) expect(oldArgs.includes(a) || params.includes(a)).toBe(true);
          // Every parameter is on the line.
          for (const p of params) expect(newArgs).toContain(p);
          expect(newArgs).toEqual(planned(oldArgs, params));
          const appended = newArgs.length - oldArgs.length;
          expect(appended).toBeGreaterThanOrEqual(0);
          if (appended === 0 && newArgs.every((a, k) => a === oldArgs[k])) {
            // Nothing to do: not even the blanks move.
            expect(line.text).toBe(old.text);
            return;
          }
          // Blanks: kept before every old argument; the old trailing blanks
          // (or one space) before the first appended one, one space between the rest.
          oldCl.args.forEach((t, k) => expect(newCl.args[k]!.lead).toBe(t.lead));
          const leads = newCl.args.slice(oldArgs.length).map((t) => t.lead);
          expect(leads).toEqual(
            leads.map((_, k) => (k === 0 && oldCl.trail !== '' ? oldCl.trail : ' ')),
          );
          expect(newCl.trail).toBe(appended > 0 ? '' : oldCl.trail);
        });
      }),
      runs(300),
    );
  });

  it('leaves the kernel using the planned values: the last argument of each name is the parameter', () => {
    // Linux reads `lpj=`, `clocksource=`, `clock=`, `divider=` ... once per
    // occurrence, so the last one on the line is the one that takes effect.
    fc.assert(
      fc.property(grubFile, paramSet, (file, params) => {
        const config = parseGrubConfig(file.text);
        for (const edit of editEntries(config, config.entries, params)) {
          if (edit.skipped !== undefined) continue;
          const effective = new Map(edit.newArgs.map((a) => [argName(a), a]));
          for (const p of params)
            expect([edit.line, effective.get(argName(p))]).toEqual([edit.line, p]);
        }
      }),
      runs(300),
    );
  });

  it('leaves every line outside the selected entries byte-identical', () => {
    fc.assert(
      fc.property(grubFile, paramSet, selection, (file, params, sel) => {
        const config = parseGrubConfig(file.text);
        const before = copyLines(config.lines);
        const { entries, meant } = pick(file, config, sel);
        editEntries(config, entries, params);
        const end = (k: number): number => file.entries[k + 1]?.titleLine ?? file.lines.length;
        const inside = (i: number): boolean =>
          meant.some((k) => file.entries[k]!.titleLine <= i && i < end(k));
        config.lines.forEach((line, i) => {
          if (!inside(i)) expect(line).toEqual(before[i]);
        });
      }),
      runs(300),
    );
  });

  it('refuses, by number, entries that boot no Linux kernel or do not exist', () => {
    fc.assert(
      fc.property(grubFile, fc.nat({ max: 12 }), (file, i) => {
        const config = parseGrubConfig(file.text);
        const e = config.entries[i];
        const select = (): unknown =>
          selectEntries(config, { kind: 'indices', indices: [i] }, 'grub.conf');
        if (!e || e.kind === 'none') expect(select).toThrow(UsageError);
        else expect(select()).toMatchObject({ entries: [e] });
      }),
      runs(300),
    );
  });
});
