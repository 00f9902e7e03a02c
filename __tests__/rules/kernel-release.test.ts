import {
  classifyKernel,
  isKernelRelease,
  KERNEL_ROWS,
  kernelToRelease,
  parseKernelVersion,
  type KernelRow,
} from '../../src/rules/kernel-release.js';

// timekeeping-rules.md, "Kernel version to RHEL minor", with the rows of "the releases the
// table above lacks" (RHEL 3.0 to 3.8, 7.0 to 7.9) in their places.
// prettier-ignore
const KERNEL_TABLE = [
  '| RHEL | kernel |',
  '|---|---|',
  '| 3.0 / 3.1 / 3.2 / 3.3 / 3.4 | 2.4.21-4 / -9 / -15 / -20 / -27 |',
  '| 3.5 / 3.6 / 3.7 / 3.8 | 2.4.21-32 / -37 / -40 / -47 |',
  '| 3.9 | 2.4.21-50.EL |',
  '| 4.0 / 4.1 / 4.2 / 4.3 / 4.4 | 2.6.9-5 / -11 / -22 / -34 / -42 |',
  '| 4.5 / 4.6 / 4.7 / 4.8 / 4.9 | 2.6.9-55 / -67 / -78 / -89 / -100 |',
  '| 5.0 / 5.1 / 5.2 / 5.3 / 5.4 | 2.6.18-8 / -53 / -92 / -128 / -164 |',
  '| 5.5 / 5.6 / 5.7 / 5.8 / 5.9 | 2.6.18-194 / -238 / -274 / -308 / -348 |',
  '| 5.10 / 5.11 | 2.6.18-371 / -398 |',
  '| 6.0 / 6.1 / 6.2 / 6.3 / 6.4 | 2.6.32-71 / -131 / -220 / -279 / -358 |',
  '| 6.5 / 6.6 / 6.7 / 6.8 / 6.9 / 6.10 | 2.6.32-431 / -504 / -573 / -642 / -696 / -754 |',
  '| 7.0 / 7.1 / 7.2 / 7.3 / 7.4 | 3.10.0-123 / -229 / -327 / -514 / -693 |',
  '| 7.5 / 7.6 / 7.7 / 7.8 / 7.9 | 3.10.0-862 / -957 / -1062 / -1127 / -1160 |',
].join('\n');

function parseKernelTable(text: string): KernelRow[] {
  return text
    .split('\n')
    .slice(2)
    .flatMap((line) => {
      const [releases = '', kernels = ''] = line.slice(2, -2).split(' | ');
      const names = releases.split(' / ');
      const builds = kernels.split(' / ');
      expect(builds).toHaveLength(names.length);
      const first = /^(\d+\.\d+\.\d+)-(\d+)(?:\.EL)?$/.exec(builds[0] as string);
      if (!first) throw new Error(`unexpected kernel cell: ${kernels}`);
      const base = first[1] as string;
      return names.map((release, i) => {
        const build =
          i === 0 ? Number(first[2]) : Number(/^-(\d+)$/.exec(builds[i] as string)?.[1]);
        return { release, base, build };
      });
    });
}

const tagOf = (row: KernelRow): string =>
  Number(row.release.split('.')[0]) <= 4 ? 'EL' : `el${row.release.split('.')[0]}`;

describe('KERNEL_ROWS', () => {
  const table = parseKernelTable(KERNEL_TABLE);

  it('has every row of the table and nothing else', () => {
    expect(table).toHaveLength(53);
    expect(KERNEL_ROWS).toHaveLength(table.length);
  });

  it.each(table.map((row, i) => ({ i, row })))(
    'row $row.release is $row.base-$row.build',
    ({ i, row }) => {
      expect(KERNEL_ROWS[i]).toEqual(row);
    },
  );

  it('rises in build number within each base version', () => {
    for (const [i, r] of KERNEL_ROWS.entries()) {
      const prev = KERNEL_ROWS[i - 1];
      if (prev && prev.base === r.base) expect(r.build).toBeGreaterThan(prev.build);
    }
  });
});

describe('kernelToRelease, row by row', () => {
  const cases = KERNEL_ROWS.map((row, i) => {
    const prev = KERNEL_ROWS[i - 1];
    return {
      row,
      kernel: `${row.base}-${row.build}`,
      tag: tagOf(row),
      prev: prev?.base === row.base ? prev : undefined,
    };
  });

  it.each(cases)('$kernel.$tag is RHEL $row.release', ({ row, kernel, tag }) => {
    expect(kernelToRelease(`${kernel}.${tag}`)).toEqual({ release: row.release, exact: true, row });
  });

  it.each(cases)(
    '$kernel.N.M.$tag (an update) is RHEL $row.release, exactly',
    ({ row, kernel, tag }) => {
      expect(kernelToRelease(`${kernel}.12.1.${tag}`)).toMatchObject({
        release: row.release,
        exact: true,
      });
    },
  );

  it.each(cases)('one build past $kernel still reaches only RHEL $row.release', ({ row, tag }) => {
    expect(kernelToRelease(`${row.base}-${row.build + 1}.${tag}`)).toMatchObject({
      release: row.release,
      exact: false,
    });
  });

  it.each(cases)(
    'one build short of $kernel is the row before it, or nothing',
    ({ row, tag, prev }) => {
      const r = kernelToRelease(`${row.base}-${row.build - 1}.${tag}`);
      if (prev) expect(r).toMatchObject({ release: prev.release, exact: false, row: prev });
      else expect(r).toBeUndefined();
    },
  );
});

describe('kernelToRelease, examples', () => {
  it.each([
    ['2.6.18-194.8.1.el5', '5.5', true],
    ['2.6.18-194.el5xen', '5.5', true],
    ['2.6.18-92.1.22.el5PAE', '5.2', true],
    ['2.6.18-164.11.1.el5', '5.4', true],
    ['2.6.18-8.el5', '5.0', true],
    ['2.6.9-89.EL', '4.8', true],
    ['2.6.9-89.0.3.ELsmp', '4.8', true],
    ['2.6.9-100.ELhugemem', '4.9', true],
    ['2.6.9-103.ELlargesmp', '4.9', false],
    ['2.6.32-431.el6.x86_64', '6.5', true],
    ['2.6.32-754.35.1.el6.x86_64', '6.10', true],
    ['2.6.32-358.el6.i686', '6.4', true],
    ['2.6.32-431.el6.centos.plus.x86_64', '6.5', true],
    ['2.4.21-50.ELsmp', '3.9', true],
    ['2.4.21-4.EL', '3.0', true],
    ['2.4.21-37.0.1.ELsmp', '3.6', true],
    ['2.4.21-48.EL', '3.8', false],
    ['3.10.0-123.el7.x86_64', '7.0', true],
    ['3.10.0-1160.119.1.el7.x86_64', '7.9', true],
    ['3.10.0-514.26.2.el7.x86_64', '7.3', true],
    ['2.4.21-63.EL', '3.9', false],
    ['2.6.18-410.el5', '5.11', false],
    ['2.6.18-200.el5', '5.5', false],
    ['/vmlinuz-2.6.18-159.el5', '5.3', false],
    ['vmlinuz-2.6.32-71.el6.x86_64', '6.0', true],
    ['  2.6.18-238.el5  ', '5.6', true],
  ])('%s is RHEL %s (exact: %s)', (version, release, exact) => {
    expect(kernelToRelease(version)).toMatchObject({ release, exact });
  });

  it.each([
    ['2.6.39-400.el6uek.x86_64', /2\.6\.39 is not in the kernel table .*RHEL 3\.0 to 7\.9/],
    ['4.18.0-80.el8.x86_64', /not in the kernel table/],
    ['2.6.32-44.el6', /below 2\.6\.32-71, the first kernel the table lists for RHEL 6 \(6\.0\)/],
    ['2.6.18-1.2747.el5', /below 2\.6\.18-8/],
    ['2.6.9-1.EL', /below 2\.6\.9-5/],
    ['2.4.21-2.EL', /below 2\.4\.21-4, the first kernel the table lists for RHEL 3 \(3\.0\)/],
    ['3.10.0-110.el7.x86_64', /below 3\.10\.0-123/],
    ['2.6.32-100.28.5.el6uek', /Unbreakable Enterprise Kernel/],
    ['2.6.18-194.fc12', /\.fc12|no distribution tag/],
    ['2.6.18-194', /no distribution tag, not RHEL 5's \.el5/],
    ['2.6.18-194.el6', /the tag \.el6, not RHEL 5's \.el5/],
    ['2.6.9-89.el5', /the tag \.el5, not RHEL 4's \.EL/],
    ['2.6.32-5-amd64', /not a kernel version/],
    ['linux', /not a kernel version/],
    ['', /not a kernel version/],
  ])('%s has no release', (version, reason) => {
    expect(kernelToRelease(version)).toBeUndefined();
    const r = classifyKernel(version);
    expect(isKernelRelease(r)).toBe(false);
    expect('reason' in r ? r.reason : '').toMatch(reason);
  });
});

describe('parseKernelVersion', () => {
  it.each([
    [
      '2.6.18-194.8.1.el5',
      { base: '2.6.18', build: 194, updates: [8, 1], tag: 'el5', flavour: '' },
    ],
    ['2.6.18-194.el5xen', { base: '2.6.18', build: 194, updates: [], tag: 'el5', flavour: 'xen' }],
    ['2.6.18-194.el5PAE', { base: '2.6.18', build: 194, updates: [], tag: 'el5', flavour: 'PAE' }],
    ['2.4.21-50.ELsmp', { base: '2.4.21', build: 50, updates: [], tag: 'EL', flavour: 'smp' }],
    [
      '2.6.9-89.ELhugemem',
      { base: '2.6.9', build: 89, updates: [], tag: 'EL', flavour: 'hugemem' },
    ],
    ['2.6.32-431.el6.x86_64', { base: '2.6.32', build: 431, updates: [], tag: 'el6', flavour: '' }],
    [
      '2.6.32-358.2.1.el6_4.x86_64',
      { base: '2.6.32', build: 358, updates: [2, 1], tag: 'el6', flavour: '' },
    ],
    ['2.6.18-194', { base: '2.6.18', build: 194, updates: [], tag: undefined, flavour: '' }],
  ])('%s', (version, parts) => {
    expect(parseKernelVersion(version)).toEqual(parts);
  });
});
