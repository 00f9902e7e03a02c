import { describeFailure, type RootFs } from '../../shared/rootfs.js';
import { known, unknown, type Fact } from '../types.js';
import { firstLine, listOf, printable } from '../../shared/text.js';
import { isRhelFamily, type Family } from './types.js';

/** Release files are one line; a few KiB is plenty and keeps a wrong file cheap. */
const RELEASE_MAX = 4096;

export interface ParsedRelease {
  family: Family;
  /** "X.Y" for the RHEL families. */
  release?: string;
  /** The distribution's own version as written (Fedora "39", Amazon "2"). */
  version?: string;
  note?: string;
}

export interface ReleaseFacts {
  release: Fact<string>;
  family: Fact<Family>;
  distro: Fact<string>;
  version: Fact<string>;
}

/** Families told by how a release line starts, first match wins (RHEL before "Red Hat Linux"). */
const LINE_FAMILIES: readonly [RegExp, Family][] = [
  [/^Red Hat Enterprise Linux\b/i, 'rhel'],
  // RHEL 2.1 was sold as "Red Hat Linux Advanced Server/Workstation".
  [/^Red Hat Linux Advanced (?:Server|Workstation)\b/i, 'rhel'],
  // Red Hat Linux 9 and earlier: not RHEL, and "release 9" is not RHEL 9.
  [/^Red Hat Linux\b/i, 'redhat-linux'],
  [/^CentOS\b/i, 'centos'],
  [/^Scientific Linux\b/i, 'scientific'],
  // Oracle's RHEL 5 rebuild called itself "Enterprise Linux Enterprise Linux Server".
  [/^(?:Oracle Linux|Enterprise Linux)\b/i, 'oracle'],
  [/^Rocky Linux\b/i, 'rocky'],
  [/^AlmaLinux\b/i, 'alma'],
  [/^Fedora\b/i, 'fedora'],
  [/^Amazon Linux\b/i, 'amazon'],
];

/**
 * Reads a /etc/redhat-release style line. RHEL 3 and 4 give the minor
 * release only as "Update N" ("release 4 (Nahant Update 8)" is 4.8); a bare
 * major ("release 5 (Tikanga)") is the .0 release.
 */
export function parseReleaseLine(line: string): ParsedRelease | undefined {
  const text = line.trim();
  const family = LINE_FAMILIES.find(([re]) => re.test(text))?.[1];
  if (family === undefined) return undefined;
  const m = /\brelease\s+(\d+)(?:\.(\d+))?/i.exec(text);
  if (!m) return { family };
  const version = /\brelease\s+(\S+)/i.exec(text)?.[1];
  const parsed: ParsedRelease = version === undefined ? { family } : { family, version };
  if (!isRhelFamily(family)) return parsed;
  const major = Number(m[1]);
  const update = /\bUpdate\s+(\d+)\b/i.exec(text)?.[1];
  const minor = m[2] ?? update;
  parsed.release = `${major}.${minor === undefined ? 0 : Number(minor)}`;
  if (m[2] === undefined && update !== undefined)
    parsed.note = `Update ${update} = ${parsed.release}`;
  if (minor === undefined && /\bStream\b/i.test(text))
    parsed.note = 'CentOS Stream has no minor release';
  return parsed;
}

/** KEY=value lines of os-release(5), quotes and backslash escapes undone. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!m) continue;
    let value = (m[2] as string).trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\(["\\`$])/g, '$1');
    }
    out[m[1] as string] = value;
  }
  return out;
}

const OS_RELEASE_IDS: Record<string, Family> = {
  rhel: 'rhel',
  centos: 'centos',
  scientific: 'scientific',
  ol: 'oracle',
  rocky: 'rocky',
  almalinux: 'alma',
  fedora: 'fedora',
  amzn: 'amazon',
  debian: 'debian',
  ubuntu: 'ubuntu',
  sles: 'suse',
  sled: 'suse',
  suse: 'suse',
  opensuse: 'suse',
  'opensuse-leap': 'suse',
  'opensuse-tumbleweed': 'suse',
};

/**
 * The family of an os-release ID. ID_LIKE is deliberately not used for the
 * release: Amazon Linux 2 says ID_LIKE="centos rhel fedora" with
 * VERSION_ID="2", which is no RHEL 2.
 */
export function parseOsReleaseFields(fields: Record<string, string>): ParsedRelease | undefined {
  const id = fields.ID?.toLowerCase();
  if (!id) return undefined;
  const family = OS_RELEASE_IDS[id] ?? id;
  const version = fields.VERSION_ID;
  const parsed: ParsedRelease = version ? { family, version } : { family };
  if (isRhelFamily(family) && version) {
    const m = /^(\d+)(?:\.(\d+))?/.exec(version);
    if (m) {
      parsed.release = `${Number(m[1])}.${m[2] === undefined ? 0 : Number(m[2])}`;
      if (m[2] === undefined) parsed.note = `VERSION_ID "${version}" gives no minor release`;
    }
  }
  if (fields.ID_LIKE && !OS_RELEASE_IDS[id]) parsed.note = `ID_LIKE="${fields.ID_LIKE}"`;
  return parsed;
}

/** SLES 9 to 11 have no os-release: "VERSION = 10" and "PATCHLEVEL = 2" say 10.2. */
function parseSuseRelease(text: string): ParsedRelease {
  const v = /^VERSION\s*=\s*(\S+)/m.exec(text)?.[1];
  const p = /^PATCHLEVEL\s*=\s*(\d+)/m.exec(text)?.[1];
  if (v === undefined) return { family: 'suse' };
  return { family: 'suse', version: p === undefined ? v : `${v}.${p}` };
}

function releaseFacts(parsed: ParsedRelease, source: string, line: string): ReleaseFacts {
  const distro = printable(line);
  const release: Fact<string> =
    parsed.release !== undefined
      ? known(parsed.release, source, parsed.note)
      : unknown(
          `${source} says "${distro}", which is not RHEL (${parsed.family}): give --release X.Y to treat the guest as RHEL`,
        );
  return {
    release,
    family: known(
      parsed.family,
      source,
      parsed.note?.startsWith('ID_LIKE') ? parsed.note : undefined,
    ),
    distro: known(distro, source),
    version:
      parsed.version !== undefined
        ? known(parsed.version, source)
        : unknown(`no version in ${source}`),
  };
}

/**
 * The guest's distribution and, for RHEL and its rebuilds, its release:
 * /etc/redhat-release first (RHEL 3 to 9 all have it), then os-release,
 * /etc/system-release, and the SUSE and Debian files.
 */
export async function detectRelease(fs: RootFs): Promise<ReleaseFacts> {
  const looked: string[] = [];
  /** A line that named nothing known, kept for the distro fact. */
  let odd: { line: string; source: string } | undefined;

  const lineFile = async (guestPath: string): Promise<ReleaseFacts | undefined> => {
    const r = await fs.readText(guestPath, { max: RELEASE_MAX });
    if (!r.ok) {
      looked.push(describeFailure(r));
      return undefined;
    }
    const line = firstLine(r.text);
    if (line === undefined) {
      looked.push(`${r.path} (empty)`);
      return undefined;
    }
    const parsed = parseReleaseLine(line);
    if (!parsed) {
      looked.push(`${r.path} (unrecognised: "${printable(line, 60)}")`);
      odd ??= { line, source: r.path };
      return undefined;
    }
    return releaseFacts(parsed, r.path, line);
  };

  const fromRedhat = await lineFile('/etc/redhat-release');
  if (fromRedhat) {
    // Oracle Linux 6 and later copy RHEL's line into redhat-release; only oracle-release tells.
    if (fromRedhat.family.value === 'rhel') {
      const oracle = await fs.readText('/etc/oracle-release', { max: RELEASE_MAX });
      const line = oracle.ok ? firstLine(oracle.text) : undefined;
      const parsed = line === undefined ? undefined : parseReleaseLine(line);
      if (oracle.ok && line !== undefined && parsed?.family === 'oracle')
        return releaseFacts(parsed, oracle.path, line);
    }
    return fromRedhat;
  }

  for (const guestPath of ['/etc/os-release', '/usr/lib/os-release']) {
    const r = await fs.readText(guestPath, { max: RELEASE_MAX * 4 });
    if (!r.ok) {
      // /usr/lib/os-release is where /etc/os-release points; naming it when both are absent is noise.
      if (guestPath === '/etc/os-release') looked.push(describeFailure(r));
      continue;
    }
    const fields = parseOsRelease(r.text);
    const parsed = parseOsReleaseFields(fields);
    if (!parsed) {
      looked.push(`${r.path} (${r.text.trim() === '' ? 'empty' : 'no ID='})`);
      continue;
    }
    const line =
      fields.PRETTY_NAME ||
      [fields.NAME ?? fields.ID, fields.VERSION ?? fields.VERSION_ID].filter(Boolean).join(' ');
    return releaseFacts(parsed, r.path, line);
  }

  const fromSystem = await lineFile('/etc/system-release');
  if (fromSystem) return fromSystem;

  const suse = await fs.readText('/etc/SuSE-release', { max: RELEASE_MAX });
  if (suse.ok && suse.text.trim() !== '')
    return releaseFacts(parseSuseRelease(suse.text), suse.path, firstLine(suse.text) ?? 'SUSE');
  const debian = await fs.readText('/etc/debian_version', { max: RELEASE_MAX });
  if (debian.ok) {
    const v = firstLine(debian.text);
    if (v !== undefined)
      return releaseFacts(
        { family: 'debian', version: printable(v, 40) },
        debian.path,
        `Debian ${v}`,
      );
  }

  const where = `not found in ${listOf(looked)}`;
  return {
    release: unknown(`${where}: give --release X.Y`),
    family: unknown(where),
    distro: odd ? known(printable(odd.line), odd.source) : unknown(where),
    version: unknown(where),
  };
}
