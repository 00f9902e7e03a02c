import { kernelToRelease, type KernelRelease } from '../rules/kernel-release.js';
import { kernelVersionFromImage } from '../rules/kernel-version.js';

/** The kernel an image path boots, and the RHEL release that kernel comes from. */
export interface ImageKernel {
  /** "2.6.18-164.el5" of "/vmlinuz-2.6.18-164.el5"; absent for a bare /vmlinuz. */
  version?: string;
  /** Absent when the version maps to no RHEL release. */
  release?: KernelRelease;
}

/** kernel version -> RHEL release. */
export function releaseOfKernel(version: string | undefined): KernelRelease | undefined {
  return version === undefined ? undefined : kernelToRelease(version);
}

/** image -> kernel version -> RHEL release: the one place this mapping is made. */
export function kernelOfImage(image: string | undefined): ImageKernel {
  const version = image === undefined ? undefined : kernelVersionFromImage(image);
  if (version === undefined) return {};
  const release = releaseOfKernel(version);
  return release ? { version, release } : { version };
}
