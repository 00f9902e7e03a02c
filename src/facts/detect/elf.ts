/** Bytes of an ELF header that say class, byte order and machine (e_ident + e_type + e_machine). */
export const ELF_HEADER_BYTES = 20;

/** e_machine values and the names uname would give (x86 for any 32-bit x86). */
const MACHINES: Record<number, string> = {
  2: 'sparc',
  3: 'x86',
  6: 'x86',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390',
  40: 'arm',
  42: 'sh',
  43: 'sparcv9',
  50: 'ia64',
  62: 'x86_64',
  183: 'aarch64',
  243: 'riscv',
  258: 'loongarch',
};

export type ElfHeader =
  | { ok: true; bits: 32 | 64; littleEndian: boolean; machine: number; arch: string }
  | { ok: false; reason: string };

/** The machine an ELF file is built for, from its first 20 bytes. */
export function parseElfHeader(buf: Uint8Array): ElfHeader {
  if (buf.length < 4 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) {
    return { ok: false, reason: buf.length === 0 ? 'empty' : 'not an ELF file' };
  }
  if (buf.length < ELF_HEADER_BYTES)
    return { ok: false, reason: `ELF header cut short (${buf.length} bytes)` };
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) return { ok: false, reason: `bad ELF class ${cls}` };
  if (data !== 1 && data !== 2) return { ok: false, reason: `bad ELF byte order ${data}` };
  const littleEndian = data === 1;
  const lo = buf[littleEndian ? 18 : 19] as number;
  const hi = buf[littleEndian ? 19 : 18] as number;
  const machine = lo | (hi << 8);
  const bits = cls === 2 ? 64 : 32;
  let arch = MACHINES[machine] ?? `elf-machine-${machine}`;
  // Same e_machine, different uname: the 64-bit or little-endian variants.
  if (machine === 21 && littleEndian) arch = 'ppc64le';
  if (machine === 243) arch = bits === 64 ? 'riscv64' : 'riscv32';
  if (machine === 258 && bits === 64) arch = 'loongarch64';
  return { ok: true, bits, littleEndian, machine, arch };
}

export function describeElf(h: Extract<ElfHeader, { ok: true }>): string {
  return `ELF ${h.bits}-bit ${h.littleEndian ? 'LSB' : 'MSB'}, e_machine ${h.machine}`;
}
