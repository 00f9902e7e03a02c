import semver from 'semver';

/** A RHEL release "X" or "X.Y" as a semver version, so 5.10 sorts after 5.9. */
export function releaseVersion(release: string): semver.SemVer {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(release);
  if (!m) throw new Error(`not a release: ${release}`);
  return new semver.SemVer(`${Number(m[1])}.${Number(m[2] ?? 0)}.0`);
}

export function isRelease(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3})?$/.test(text);
}

/** "5" is 5.0, "05.4" is 5.4: the form the report shows. */
export function normalizeRelease(text: string): string {
  const v = releaseVersion(text);
  return `${v.major}.${v.minor}`;
}
