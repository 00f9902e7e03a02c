import { KERNEL_TABLE_SOURCE } from '../rules/kernel-release.js';
import { RULE_SETS } from '../rules/registry.js';
import { VERSION } from '../shared/version.js';

/**
 * What `--version` prints: the version, then each rule set the build
 * carries with the document it comes from, one a line, and the source of
 * the kernel-release table (--per-entry), so that a report can say which
 * published tables made a decision.
 */
export function versionText(version: string = VERSION): string {
  const pad = ' '.repeat('rules: '.length);
  const sets = RULE_SETS.map((s, i) => `${i === 0 ? 'rules: ' : pad}${s.name} (${s.source})`);
  return [`fix-clock-drift ${version}`, ...sets, `kernels: ${KERNEL_TABLE_SOURCE}`].join('\n');
}

/** --version's line in --help, the man page and completion. */
export const VERSION_HELP = 'print the version and the sources of the rule sets';
