// Only the two pieces of semver the tool uses: the whole package's index
// builds range machinery at load time, which every run would pay for.
import SemVer from 'semver/classes/semver.js';
import compare from 'semver/functions/compare.js';

/** A RHEL release "X" or "X.Y" as a semver version, so 5.10 sorts after 5.9. */
export function releaseVersion(release: string): SemVer {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(release);
  if (!m) throw new Error(`not a release: ${release}`);
  return new SemVer(`${Number(m[1])}.${Number(m[2] ?? 0)}.0`);
}

/** Negative, zero or positive as release `a` is before, the same as, or after `b` (semver order). */
export function compareReleases(a: string, b: string): number {
  return compare(releaseVersion(a), releaseVersion(b));
}

export function majorOf(release: string): number {
  return releaseVersion(release).major;
}

export function isRelease(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3})?$/.test(text);
}

/** "5" is 5.0, "05.4" is 5.4: the form the report shows. */
export function normalizeRelease(text: string): string {
  const v = releaseVersion(text);
  return `${v.major}.${v.minor}`;
}
