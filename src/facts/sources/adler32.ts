/**
 * Adler-32 (RFC 1950), the checksum a facts bundle's records carry: the
 * collector computes it in POSIX sh arithmetic from `od` output, which a CRC
 * would make slow. The one well-kept npm package for it (adler-32) is
 * Apache-2.0, which GPL-2.0 code cannot take in.
 */
const MOD = 65521;
/** Bytes that can be summed before the running sums must be reduced (zlib's NMAX). */
const NMAX = 5552;

/** The running sums; start from `ADLER_START` and feed every part in order. */
export interface AdlerState {
  a: number;
  b: number;
}

export const ADLER_START: Readonly<AdlerState> = { a: 1, b: 0 };

export function adlerUpdate(state: AdlerState, bytes: Uint8Array): AdlerState {
  let { a, b } = state;
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + NMAX, bytes.length);
    for (; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return { a, b };
}

/** The checksum as the bundle writes it: 8 lowercase hex digits, B then A. */
export function adlerHex(state: AdlerState): string {
  return state.b.toString(16).padStart(4, '0') + state.a.toString(16).padStart(4, '0');
}
