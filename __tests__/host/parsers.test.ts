import { parseProcessors as parseCpuInfo } from '../../src/facts/detect/cpuinfo.js';
import { isAmdRevisionF, ranges } from '../../src/host/cpuinfo.js';
import { parseCpuspeed } from '../../src/host/cpuspeed.js';
import { kernelArgs, lastValue } from '../../src/host/proc-cmdline.js';
import { parseFrequencies } from '../../src/host/scaling-frequencies.js';

describe('parseCpuInfo', () => {
  it('reads every processor block, with its own flags', () => {
    const text =
      'processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 15\nmodel\t\t: 65\nflags\t\t: fpu svm\n\n' +
      'processor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 15\nmodel\t\t: 65\nflags\t\t: fpu constant_tsc svm\n\n';
    const ps = parseCpuInfo(text);
    expect(ps.map((p) => p.index)).toEqual([0, 1]);
    expect(ps.map((p) => p.flags?.has('constant_tsc'))).toEqual([false, true]);
    expect(ps[0]).toMatchObject({ vendor: 'AuthenticAMD', family: 15, model: 65 });
  });

  it('gives nothing for empty or blank text', () => {
    expect(parseCpuInfo('')).toEqual([]);
    expect(parseCpuInfo('\n\n  \n')).toEqual([]);
  });
});

describe('isAmdRevisionF', () => {
  it.each([
    [65, true], // 0x41: Opteron 2218
    [93, true], // 0x5D
    [193, true], // 0xC1: revision F3
    [107, false], // 0x6B: revision G
    [37, false], // 0x25: revision E
  ])('AMD family 15 model %i -> %s', (model, revF) => {
    expect(isAmdRevisionF({ index: 0, vendor: 'AuthenticAMD', family: 15, model })).toBe(revF);
  });

  it('is false for other vendors and families, undefined without the fields', () => {
    expect(isAmdRevisionF({ index: 0, vendor: 'GenuineIntel', family: 15, model: 65 })).toBe(false);
    expect(isAmdRevisionF({ index: 0, vendor: 'AuthenticAMD', family: 16, model: 4 })).toBe(false);
    expect(isAmdRevisionF({ index: 0 })).toBeUndefined();
  });
});

describe('ranges', () => {
  it('writes runs as lscpu does', () => {
    expect(ranges([3, 0, 1, 2, 6, 8, 9])).toBe('0-3, 6, 8-9');
    expect(ranges([])).toBe('');
  });
});

describe('parseCpuspeed', () => {
  it('takes the last assignment, removes quotes and trailing comments, skips commented lines', () => {
    const s = parseCpuspeed(
      'MIN_SPEED=1000000\n#MAX_SPEED=1\n  export MIN_SPEED="2600000" # pinned\nMAX_SPEED=\'2600000\'\n',
    );
    expect(s.min).toMatchObject({ value: '2600000', line: 3 });
    expect(s.max).toMatchObject({ value: '2600000', line: 4 });
  });

  it('keeps an empty assignment as empty, and garbage as written', () => {
    const s = parseCpuspeed('\u0000\u00ff junk\nMIN_SPEED=\nMAX_SPEED=fast;rm -rf /\n');
    expect(s.min?.value).toBe('');
    expect(s.max?.value).toBe('fast');
  });

  it('finds nothing in a file with no assignments', () => {
    expect(parseCpuspeed('GOVERNOR=ondemand\n')).toEqual({});
  });
});

describe('kernel command line', () => {
  it('stops at "--" and keeps quoted values whole', () => {
    expect(
      kernelArgs('ro acpi_osi="Windows 2009" quiet -- single processor.max_cstate=1\n'),
    ).toEqual(['ro', 'acpi_osi="Windows 2009"', 'quiet']);
  });

  it('lastValue gives the value the kernel keeps', () => {
    expect(
      lastValue(['processor.max_cstate=2', 'processor.max_cstate=1'], 'processor.max_cstate'),
    ).toBe('1');
    expect(lastValue(['intel_idle.max_cstate=1'], 'processor.max_cstate')).toBeUndefined();
  });
});

describe('parseFrequencies', () => {
  it('keeps positive kHz integers and ignores the rest', () => {
    expect(parseFrequencies('2600000 2400000 \n')).toEqual([2600000, 2400000]);
    expect(parseFrequencies('<unsupported> -5 0 1800000kHz 1000000')).toEqual([1000000]);
  });
});
