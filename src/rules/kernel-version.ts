/** Image names distributions give kernels in /boot ("vmlinuz-<version>"). */
const IMAGE_PREFIX = /^(?:vmlinuz|vmlinux|bzImage|kernel|Image)-/;

/**
 * The kernel version a grub kernel path boots: "/vmlinuz-2.6.18-164.el5"
 * and "(hd0,0)/boot/vmlinuz-2.6.18-164.el5" give "2.6.18-164.el5", the name
 * /boot/config-<version> uses. undefined when the name carries no version
 * (a bare /vmlinuz).
 */
export function kernelVersionFromImage(image: string): string | undefined {
  const withoutDevice = image.trim().replace(/^\([^)]*\)/, '');
  const base = withoutDevice.slice(withoutDevice.lastIndexOf('/') + 1);
  if (!IMAGE_PREFIX.test(base)) return undefined;
  const version = base.replace(IMAGE_PREFIX, '');
  return /^\d+\.\d+/.test(version) ? version : undefined;
}
