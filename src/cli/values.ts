import { tokenize } from '../shared/cmdline.js';
import { isRelease, normalizeRelease } from '../rules/release.js';
import { LPJ_PLACEHOLDER, type Arch } from '../rules/types.js';
import type { EntrySelection } from '../shared/options.js';

export type { EntrySelection };

/**
 * Parsers for flag values. Each throws `InvalidValue` with the valid values
 * in words; the caller adds which flag it was.
 */
export class InvalidValue extends Error {}

const ARCH_ALIASES: Record<string, Arch> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  x64: 'x86_64',
  i386: 'x86',
  i486: 'x86',
  i586: 'x86',
  i686: 'x86',
  x86: 'x86',
  ia32: 'x86',
};

/** Every word parseArch accepts, for completion. */
export const ARCH_WORDS: readonly string[] = Object.keys(ARCH_ALIASES);

export const ARCH_VALUES = 'x86_64 (or amd64) for 64-bit, i386, i586, i686 or x86 for 32-bit';

export function parseArch(value: string): Arch {
  const arch = ARCH_ALIASES[value.trim().toLowerCase()];
  if (!arch) throw new InvalidValue(`expected ${ARCH_VALUES}`);
  return arch;
}

export function parseRelease(value: string): string {
  const v = value.trim();
  if (!isRelease(v))
    throw new InvalidValue('expected a RHEL release as MAJOR.MINOR, e.g. 5.4, 4.8 or 3.9');
  // "5" is every RHEL 5 from 5.0 to 5.11, whose rows and kernels differ.
  if (!v.includes('.'))
    throw new InvalidValue(
      `${v} names no minor release: give MAJOR.MINOR, e.g. ${v}.0 for the first (RHEL 3 and 4 say "Update N": release 4 Update 8 is 4.8)`,
    );
  return normalizeRelease(v);
}

/** lpj is an unsigned long in the guest kernel: 32 bits on i686. */
export const LPJ_MAX = 4294967295;

export function parseLpj(value: string): number {
  const v = value.trim();
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > LPJ_MAX) {
    throw new InvalidValue(
      `expected a whole number of loops per jiffy from 1 to ${LPJ_MAX}, e.g. 2394000`,
    );
  }
  return n;
}

export function parseEntries(value: string): EntrySelection {
  const v = value.trim().toLowerCase();
  if (v === 'all') return { kind: 'all' };
  if (v === 'default') return { kind: 'default' };
  const parts = v.split(',').map((p) => p.trim());
  if (parts.length > 0 && parts.every((p) => /^\d{1,6}$/.test(p))) {
    return { kind: 'indices', indices: [...new Set(parts.map(Number))].sort((a, b) => a - b) };
  }
  throw new InvalidValue('expected all, default, or zero-based entry numbers such as 0 or 0,2');
}

export function formatEntries(sel: EntrySelection): string {
  return sel.kind === 'indices' ? sel.indices.join(',') : sel.kind;
}

export function parseParams(value: string): string[] {
  const { tokens, unbalancedQuote } = tokenize(value);
  if (unbalancedQuote) throw new InvalidValue('has an unbalanced double quote');
  const params = tokens.map((t) => t.text);
  if (params.length === 0)
    throw new InvalidValue('expected one or more kernel parameters, e.g. "notsc lpj=2394000"');
  for (const p of params) {
    if (p === LPJ_PLACEHOLDER || /^lpj=(?!\d+$)/.test(p)) {
      throw new InvalidValue(
        `${p} is not a loops-per-jiffy value: write the number, e.g. lpj=2394000`,
      );
    }
    // The kernel reads lpj= with simple_strtoul(s, NULL, 0): a leading 0 is octal.
    if (/^lpj=0/.test(p))
      throw new InvalidValue(
        `${p}: the kernel reads a leading 0 as octal (lpj=02394000 is 19 loops): write the number without leading zeros, e.g. lpj=2394000`,
      );
    if (p.startsWith('lpj=') && Number(p.slice(4)) > LPJ_MAX)
      throw new InvalidValue(
        `${p}: more than ${LPJ_MAX}, the largest lpj a 32-bit kernel can take`,
      );
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (/[\u0000-\u001f\u007f]/.test(p)) throw new InvalidValue('contains a control character');
  }
  return params;
}
