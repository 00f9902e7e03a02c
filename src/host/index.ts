import { detectRelease } from '../facts/detect/release.js';
import { isRhelFamily } from '../facts/detect/types.js';
import { RootFs } from '../shared/rootfs.js';
import { readCpuInfo } from './cpuinfo.js';
import { readCpuspeed } from './cpuspeed.js';
import { adviceNeeded, constantTscFinding, tscPresentEvidence } from './findings/constant-tsc.js';
import { cpufreqFinding } from './findings/cpufreq.js';
import { kvmHostFinding } from './findings/kvm-host.js';
import { MAX_CSTATE, maxCstateFinding } from './findings/max-cstate.js';
import { ntpFinding, type HostKind } from './findings/ntp.js';
import { readDefaultKernelLine } from './grub-conf.js';
import { readNtp } from './ntp.js';
import { readProcCmdline } from './proc-cmdline.js';
import { readScalingFrequencies } from './scaling-frequencies.js';
import type { CheckHostOptions, HostReport } from './types.js';

/** Which commands fit the host: RHEL's, Debian's, or neither (then the remedy says so). */
function hostKind(family: string | undefined): HostKind {
  if (family === undefined || isRhelFamily(family) || family === 'fedora') return 'rhel';
  return family === 'debian' || family === 'ubuntu' ? 'debian' : 'other';
}

export { hostReportJson, type HostReportJson } from './json.js';
export { renderHostReport } from './render.js';
export type * from './types.js';

/**
 * The read-only host check: what the seed document asks of a KVM host
 * (constant_tsc, or else processor.max_cstate=1 and pinned cpufreq; ntpd
 * running and enabled), read from the files under `root`. Missing or
 * unreadable files give `unknown` findings that name them; nothing is
 * thrown for them.
 */
export async function checkHost(root = '/', opts: CheckHostOptions = {}): Promise<HostReport> {
  const fs = new RootFs(root);
  const live = opts.live ?? fs.root === '/';
  const [cpu, cmdline, grub, freqs, cpuspeed, ntp, release] = await Promise.all([
    readCpuInfo(fs),
    readProcCmdline(fs),
    readDefaultKernelLine(fs, MAX_CSTATE),
    readScalingFrequencies(fs),
    readCpuspeed(fs),
    readNtp(fs, live),
    detectRelease(fs),
  ]);
  const tsc = constantTscFinding(cpu);
  const needed = adviceNeeded(tsc);
  return {
    root: fs.root,
    live,
    findings: [
      await kvmHostFinding(fs, cpu, live),
      tsc,
      maxCstateFinding(needed, tscPresentEvidence(tsc), cmdline, grub),
      cpufreqFinding(needed, tscPresentEvidence(tsc), freqs, cpuspeed),
      ntpFinding(ntp, live, hostKind(release.family.value)),
    ],
  };
}
