import { kernelVersionFromImage } from '../../src/rules/kernel-version.js';

describe('kernelVersionFromImage', () => {
  it.each([
    ['/vmlinuz-2.6.18-164.el5', '2.6.18-164.el5'],
    ['/boot/vmlinuz-2.6.9-89.ELsmp', '2.6.9-89.ELsmp'],
    ['/vmlinuz-2.6.18-164.el5xen', '2.6.18-164.el5xen'],
    ['/vmlinuz-2.6.18-164.el5PAE', '2.6.18-164.el5PAE'],
    ['(hd0,0)/vmlinuz-2.6.32-754.el6.x86_64', '2.6.32-754.el6.x86_64'],
    ['/boot/vmlinuz-2.4.21-50.ELsmp', '2.4.21-50.ELsmp'],
    ['  /vmlinuz-2.6.18-8.el5  ', '2.6.18-8.el5'],
  ])('%s -> %s', (image, version) => {
    expect(kernelVersionFromImage(image)).toBe(version);
  });

  it.each(['/vmlinuz', '/boot/bzImage', '/xen.gz', '/vmlinuz-linux', ''])(
    '%j names no version',
    (image) => {
      expect(kernelVersionFromImage(image)).toBeUndefined();
    },
  );
});
