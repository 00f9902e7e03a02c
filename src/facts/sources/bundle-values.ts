import { BUNDLE_LIMITS } from './bundle-format.js';

/** Characters the collector writes as they are; anything else comes as "x:" and hex (collector.sh, rec_val). */
const SAFE_VALUE = /^[A-Za-z0-9._/+,:@~-]+$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * A path or link target from its "p"/"t" lines: raw, or "x:" and the hex of
 * its bytes. Returns a latin1 string (one char per byte) or what is wrong.
 */
export function decodeValue(raw: string): { ok: true; value: string } | { ok: false; why: string } {
  if (raw.startsWith('x:')) {
    const hex = raw.slice(2);
    if (!HEX.test(hex)) return { ok: false, why: 'its hex form is not hex' };
    return { ok: true, value: Buffer.from(hex, 'hex').toString('latin1') };
  }
  if (!SAFE_VALUE.test(raw))
    return { ok: false, why: 'it has characters the collector hex-encodes' };
  return { ok: true, value: raw };
}

/**
 * What is wrong with a guest path, if anything. Paths are absolute with
 * exactly one leading '/', so stripping it leaves a relative path; no empty,
 * '.' or '..' component, no NUL. "/" itself only where `rootOk`.
 */
export function guestPathProblem(p: string, rootOk: boolean): string | undefined {
  if (p.includes('\0')) return 'it contains a NUL byte';
  if (p.length > BUNDLE_LIMITS.path) return `it is longer than ${BUNDLE_LIMITS.path} bytes`;
  if (!p.startsWith('/')) return 'it is not absolute';
  if (p === '/') return rootOk ? undefined : 'it is the root itself';
  for (const part of p.slice(1).split('/')) {
    if (part === '') return 'it has an empty component (//, or a trailing /)';
    if (part === '.' || part === '..') return `it has a "${part}" component`;
    if (part.length > BUNDLE_LIMITS.name)
      return `a component is longer than ${BUNDLE_LIMITS.name} bytes`;
  }
  return undefined;
}

export function linkTargetProblem(t: string): string | undefined {
  if (t === '') return 'the target is empty';
  if (t.includes('\0')) return 'the target contains a NUL byte';
  if (t.length > BUNDLE_LIMITS.path) return `the target is longer than ${BUNDLE_LIMITS.path} bytes`;
  return undefined;
}

/** "key=value" attributes after a record's kind. Keys a reader does not know are kept and ignored. */
export function parseAttrs(text: string): Map<string, string> | undefined {
  const attrs = new Map<string, string>();
  for (const field of text.split(' ')) {
    if (field === '') continue;
    const m = /^([a-z][a-z0-9-]*)=(\S+)$/.exec(field);
    if (!m || attrs.has(m[1] as string)) return undefined;
    attrs.set(m[1] as string, m[2] as string);
  }
  return attrs;
}

/** A decimal attribute, at most `max`. */
export function intAttr(attrs: Map<string, string>, key: string, max: number): number | undefined {
  const v = attrs.get(key);
  if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
}
