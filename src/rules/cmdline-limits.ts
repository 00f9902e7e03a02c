import { compareReleases } from './release.js';

/**
 * How many bytes of its command line a kernel keeps. Parameters the tool
 * appends at the end are the first to be cut when the line is longer, and
 * nothing reports it (a cut lpj=23940 is a wrong, far too small lpj).
 */
export interface CmdlineLimit {
  /** Bytes of the command line the kernel keeps. */
  bytes: number;
  /** Why, with the source. */
  source: string;
}

interface LimitRow extends CmdlineLimit {
  /** Releases from (inclusive); below (exclusive, absent: and later). */
  from: string;
  below?: string;
}

// Checked against i386 param.h and x86_64 setup.h of Linux 2.6.9, the CentOS 5
// kernel sources (2.6.18-8 to -274), the Linux boot protocol document and GRUB
// 0.97's stage2/boot.c and shared.h.
const LIMITS: readonly LimitRow[] = [
  {
    from: '3.0',
    below: '5.0',
    bytes: 255,
    source: 'RHEL 3 and 4 kernels: COMMAND_LINE_SIZE 256 (i386 param.h, x86_64 setup.h)',
  },
  {
    from: '5.0',
    below: '5.2',
    bytes: 255,
    source: 'RHEL 5 kernels before 2.6.18-92: COMMAND_LINE_SIZE 256 (setup.h)',
  },
  {
    from: '5.2',
    below: '6.0',
    bytes: 255,
    source:
      'RHEL 5 kernels: boot protocol 2.04 caps the command line at 255 bytes whatever COMMAND_LINE_SIZE says (Documentation/i386/boot.txt), and GRUB 0.97 copies at most 255 bytes for them',
  },
  {
    from: '6.0',
    bytes: 2047,
    source: 'RHEL 6 and later kernels: COMMAND_LINE_SIZE 2048 (x86 setup.h)',
  },
];

/** The command-line limit of a kernel of `release`, or undefined before RHEL 3. */
export function cmdlineLimit(release: string): CmdlineLimit | undefined {
  const row = LIMITS.find(
    (r) =>
      compareReleases(release, r.from) >= 0 &&
      (r.below === undefined || compareReleases(release, r.below) < 0),
  );
  return row && { bytes: row.bytes, source: row.source };
}

/** The smallest limit of all: what is assumed when nothing tells which kernel an entry boots. */
export const SMALLEST_LIMIT: CmdlineLimit = {
  bytes: 255,
  source: 'the smallest limit of a RHEL 3 to 5 kernel (COMMAND_LINE_SIZE 256, boot protocol 2.04)',
};
