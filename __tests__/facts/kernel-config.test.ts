import {
  configArch,
  configHz,
  configKvmClock,
  parseKernelConfig,
  type KernelConfig,
} from '../../src/facts/detect/kernel-config.js';

const config = (text: string): KernelConfig => {
  const options = parseKernelConfig(text);
  if (!options) throw new Error('not a config');
  return { path: '/g/boot/config-x', version: 'x', options };
};

describe('kernel config', () => {
  it('keeps only the options detection uses, with "is not set" as false', () => {
    expect(
      parseKernelConfig(
        'CONFIG_X86_64=y\n# CONFIG_KVM_CLOCK is not set\nCONFIG_HZ=250\nCONFIG_LOCALVERSION=""\n',
      ),
    ).toEqual(
      new Map<string, string | false>([
        ['CONFIG_X86_64', 'y'],
        ['CONFIG_KVM_CLOCK', false],
        ['CONFIG_HZ', '250'],
      ]),
    );
  });

  it('is not a config without CONFIG_ lines', () => {
    expect(parseKernelConfig('')).toBeUndefined();
    expect(parseKernelConfig('hello\n')).toBeUndefined();
  });

  it.each([
    ['CONFIG_X86_64=y\nCONFIG_X86=y\n', 'x86_64'],
    ['CONFIG_X86_32=y\nCONFIG_X86=y\n', 'x86'],
    ['CONFIG_X86=y\n# CONFIG_X86_64 is not set\n', 'x86'],
    ['CONFIG_ARM64=y\n', 'aarch64'],
    ['CONFIG_PPC64=y\n', undefined],
  ])('%j builds %s', (text, arch) => {
    expect(configArch(config(text))?.arch).toBe(arch);
  });

  it.each([
    ['CONFIG_KVM_CLOCK=y\n', true],
    ['# CONFIG_KVM_CLOCK is not set\nCONFIG_KVM_GUEST=y\n', false],
    ['CONFIG_KVM_CLOCK=m\n', false],
    ['CONFIG_KVM_GUEST=y\n', true],
    ['# CONFIG_KVM_GUEST is not set\n', false],
    ['CONFIG_X86=y\n', false],
  ])('%j: kvm-clock %s', (text, value) => {
    expect(configKvmClock(config(text)).value).toBe(value);
  });

  it.each([
    ['CONFIG_HZ=1000\n', 1000],
    ['CONFIG_HZ=0\n', undefined],
    ['CONFIG_HZ=fast\n', undefined],
    ['CONFIG_X86=y\n', undefined],
  ])('%j: HZ %s', (text, hz) => {
    expect(configHz(config(text))).toBe(hz);
  });
});
