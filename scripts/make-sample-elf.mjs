// Writes the small ELF stand-ins of the sample guests (samples/<name>/bin/bash
// and usr/sbin/ntpd). They are not programs: each is an ELF header, its
// program headers, the dynamic loader's name, an empty dynamic section and a
// GNU ABI note, enough for
// `file` and for fix-clock-drift's architecture probe, under 400 bytes.
// The files are committed; run `node scripts/make-sample-elf.mjs` only to
// regenerate them after changing the table below.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const I386 = {
  bits: 32,
  machine: 3,
  base: 0x08048000,
  interp: '/lib/ld-linux.so.2',
  // xor ebx,ebx; mov eax,1; int 0x80 (exit 0), then hlt padding.
  code: [0x31, 0xdb, 0xb8, 0x01, 0x00, 0x00, 0x00, 0xcd, 0x80],
};
const X86_64 = {
  bits: 64,
  machine: 62,
  base: 0x400000,
  interp: '/lib64/ld-linux-x86-64.so.2',
  // xor edi,edi; mov eax,60; syscall (exit 0), then hlt padding.
  code: [0x31, 0xff, 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05],
};

/** Sample, machine, oldest kernel its glibc was built for (the ABI note), files to write. */
const SAMPLES = [
  ['rhel5.4-x86_64', X86_64, [2, 6, 9], ['bin/bash', 'usr/sbin/ntpd']],
  ['rhel5.4-x86_64-disk', X86_64, [2, 6, 9], ['bin/bash', 'usr/sbin/ntpd']],
  ['rhel5.4-i686-nokvmclock', I386, [2, 6, 9], ['bin/bash', 'usr/sbin/ntpd']],
  ['rhel5.3-i686-crlf', I386, [2, 6, 9], ['bin/bash']],
  ['rhel4.8-i686', I386, [2, 2, 5], ['bin/bash', 'usr/sbin/ntpd']],
  ['rhel3.9-i686', I386, [2, 2, 5], ['bin/bash', 'usr/sbin/ntpd']],
  ['centos6-x86_64', X86_64, [2, 6, 18], ['bin/bash', 'usr/sbin/ntpd']],
];

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_NOTE = 4;
const PT_PHDR = 6;
const PF_R = 4;
const PF_W = 2;
const PF_X = 1;

const align = (n, a) => Math.ceil(n / a) * a;

/** A little-endian ELF executable image for `arch`. */
export function elfImage(arch, abi) {
  const is64 = arch.bits === 64;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const phnum = 5;
  const phoff = ehsize;
  const interpOff = phoff + phnum * phentsize;
  const interp = Buffer.from(`${arch.interp}\0`, 'latin1');
  const noteOff = align(interpOff + interp.length, 4);
  // NT_GNU_ABI_TAG: namesz 4, descsz 16, type 1, "GNU\0", OS 0 (Linux), then the version.
  const note = Buffer.alloc(32);
  [4, 16, 1].forEach((v, i) => note.writeUInt32LE(v, i * 4));
  note.write('GNU\0', 12, 'latin1');
  [0, ...abi].forEach((v, i) => note.writeUInt32LE(v, 16 + i * 4));
  // The dynamic section: a lone DT_NULL entry (all zero bytes).
  const dynOff = noteOff + note.length;
  const dynSize = is64 ? 16 : 8;
  const codeOff = dynOff + dynSize;
  const size = codeOff + 16;
  const buf = Buffer.alloc(size, 0);

  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, 1, 1, 0], 0); // ELFCLASS, LSB, EV_CURRENT, SYSV
  const word = (off, v) =>
    is64 ? buf.writeBigUInt64LE(BigInt(v), off) : buf.writeUInt32LE(v, off);
  const w = is64 ? 8 : 4;
  buf.writeUInt16LE(2, 16); // e_type ET_EXEC
  buf.writeUInt16LE(arch.machine, 18);
  buf.writeUInt32LE(1, 20); // e_version
  let o = 24;
  word(o, arch.base + codeOff); // e_entry
  word((o += w), phoff);
  word((o += w), 0); // e_shoff: no section headers
  o += w;
  buf.writeUInt32LE(0, o); // e_flags
  buf.writeUInt16LE(ehsize, o + 4);
  buf.writeUInt16LE(phentsize, o + 6);
  buf.writeUInt16LE(phnum, o + 8);
  buf.writeUInt16LE(is64 ? 64 : 40, o + 10); // e_shentsize
  buf.writeUInt16LE(0, o + 12); // e_shnum
  buf.writeUInt16LE(0, o + 14); // e_shstrndx

  const phdrs = [
    [PT_PHDR, phoff, phnum * phentsize, PF_R | PF_X, w],
    [PT_INTERP, interpOff, interp.length, PF_R, 1],
    [PT_LOAD, 0, size, PF_R | PF_X, is64 ? 0x200000 : 0x1000],
    [PT_DYNAMIC, dynOff, dynSize, PF_R | PF_W, w],
    [PT_NOTE, noteOff, note.length, PF_R, 4],
  ];
  phdrs.forEach(([type, off, len, flags, al], i) => {
    const p = phoff + i * phentsize;
    const vaddr = arch.base + off;
    if (is64) {
      buf.writeUInt32LE(type, p);
      buf.writeUInt32LE(flags, p + 4);
      [off, vaddr, vaddr, len, len, al].forEach((v, j) =>
        buf.writeBigUInt64LE(BigInt(v), p + 8 + j * 8),
      );
    } else {
      [type, off, vaddr, vaddr, len, len, flags, al].forEach((v, j) =>
        buf.writeUInt32LE(v, p + j * 4),
      );
    }
  });
  interp.copy(buf, interpOff);
  note.copy(buf, noteOff);
  buf.fill(0xf4, codeOff, size);
  buf.set(arch.code, codeOff);
  return buf;
}

for (const [sample, arch, abi, files] of SAMPLES) {
  const image = elfImage(arch, abi);
  for (const file of files) {
    const out = path.join(repo, 'samples', sample, file);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, image, { mode: 0o755 });
    console.log(`${path.relative(repo, out)}: ${image.length} bytes`);
  }
}
