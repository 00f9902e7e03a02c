/**
 * Words of a kernel command line, split the way the Linux kernel's own
 * parser splits them (blanks outside double quotes). Used for grub.conf kernel
 * lines, boot.ini switches, /proc/cmdline and --params alike.
 */

/** A word of a kernel command line and the blanks that stood before it. */
export interface Token {
  lead: string;
  text: string;
}

/** Space or tab: the only blanks GRUB knows (a char code test: this runs for every byte of every kernel line). */
export function isBlankAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || c === 9;
}

/** Splits on blanks outside double quotes, as the Linux kernel's own parser does. */
export function tokenize(s: string): { tokens: Token[]; trail: string; unbalancedQuote: boolean } {
  const tokens: Token[] = [];
  let i = 0;
  let inQuote = false;
  for (;;) {
    const leadStart = i;
    while (i < s.length && isBlankAt(s, i)) i++;
    const lead = s.slice(leadStart, i);
    if (i >= s.length) return { tokens, trail: lead, unbalancedQuote: inQuote };
    const start = i;
    while (i < s.length && (inQuote || !isBlankAt(s, i))) {
      if (s.charCodeAt(i) === 34) inQuote = !inQuote;
      i++;
    }
    tokens.push({ lead, text: s.slice(start, i) });
  }
}

/** The name an argument is matched by, as grubby's argMatch: the text before `=`. */
export function argName(arg: string): string {
  const eq = arg.indexOf('=');
  return eq === -1 ? arg : arg.slice(0, eq);
}
