import type { Arch } from '../../rules/types.js';
import { unknown, type Fact } from '../types.js';
import type { FactSource } from '../source.js';
import { detectArch, type ArchOptions } from './arch.js';
import { cpuFlag, hypervisorFlagFact, readCpuInfo } from './cpuinfo.js';
import { detectHypervisor } from './dmi.js';
import { KernelConfigs } from './kernel-config.js';
import { readKernelLog } from './kernel-log.js';
import { bogomipsHz, decideLpj } from './lpj.js';
import { detectNtp } from './ntp.js';
import { decidePvclock, sysfsSilent } from './pvclock-decide.js';
import {
  decideClocksource,
  pvclockFromConfig,
  readClocksourceSysfs,
  type ConfigAnswer,
} from './pvclock.js';
import { detectRelease } from './release.js';
import type { DetectedFacts, DetectOptions } from './types.js';

export { archFromKernelVersion, archFromMachine } from './arch.js';
export { isClearlyNotKvm, normalizeHypervisor, notKvmReason } from './dmi.js';
export { parseElfHeader } from './elf.js';
export { LPJ_DERIVED_NOTE, lpjFromBogomips } from './lpj.js';
export { NTP_ADVICE, ntpAdvice } from './ntp.js';
export { parseOsRelease, parseReleaseLine } from './release.js';
export { isRhelFamily, KNOWN_FAMILIES, RHEL_FAMILIES } from './types.js';
export type {
  DetectedFacts,
  DetectOptions,
  Family,
  HypervisorKind,
  NtpDaemon,
  NtpStatus,
} from './types.js';

/** Stands in for the kernel config when sysfs or the log already answered; decidePvclock then never reads it. */
const NOT_READ: ConfigAnswer = { ok: false, looked: 'kernel config not read' };

/**
 * Everything the guest tells about itself, read-only. Each fact says where
 * it came from, or what was looked at and which flag settles it. Missing,
 * empty, malformed and unreadable files make facts unknown, never errors:
 * an offline disk has no /proc or /sys.
 */
export async function detectFacts(
  source: FactSource,
  opts: DetectOptions = {},
): Promise<DetectedFacts> {
  const fs = source.files;
  // Only a live source's running kernel is the one its /sys and dmesg describe.
  const runningKernel = source.live ? source.runningKernel : undefined;
  const configVersion = opts.defaultKernelVersion ?? runningKernel;
  const configs = new KernelConfigs(fs);

  const [release, arch, cpu, log, sysfs, ntp] = await Promise.all([
    detectRelease(fs),
    detectArch(fs, configs, archOptions(source, opts)),
    readCpuInfo(fs),
    readKernelLog(source),
    readClocksourceSysfs(fs),
    detectNtp(fs),
  ]);

  // Kernel configs are the biggest files read: only when sysfs and the log leave the answer open,
  // or when a default kernel is named (its config may overrule what another kernel showed).
  const needConfig =
    opts.defaultKernelVersion !== undefined ||
    (sysfs.available === undefined && log.kvmClock === undefined);
  const needHz = log.lpj === undefined && cpu.ok && cpu.info.bogomips !== undefined;
  const [pvConfig, hz, hypervisor] = await Promise.all([
    needConfig ? pvclockFromConfig(configs, configVersion) : Promise.resolve(NOT_READ),
    needHz
      ? bogomipsHz(configs, runningKernel, opts.defaultKernelVersion)
      : Promise.resolve(undefined),
    detectHypervisor(fs, log),
  ]);

  const evidence: Parameters<typeof decidePvclock>[0] = { sysfs, log, config: pvConfig };
  if (runningKernel !== undefined) evidence.runningKernel = runningKernel;
  if (opts.defaultKernelVersion !== undefined)
    evidence.defaultKernelVersion = opts.defaultKernelVersion;
  if (arch.value !== undefined) evidence.arch = arch.value;

  return {
    root: fs.name,
    ...release,
    arch,
    pvclock: decidePvclock(evidence),
    clocksource: decideClocksource(
      sysfs,
      log,
      sysfsSilent(runningKernel ?? opts.defaultKernelVersion, arch.value),
    ),
    lpj: decideLpj(log, cpu, hz),
    constantTsc: cpuFlag(cpu, 'constant_tsc'),
    hypervisorFlag: hypervisorFlagFact(cpu),
    hypervisor,
    ntp,
  };
}

function archOptions(source: FactSource, opts: DetectOptions): ArchOptions {
  const o: ArchOptions = {};
  if (opts.defaultKernelVersion !== undefined) o.kernelVersion = opts.defaultKernelVersion;
  if (source.machine !== undefined) o.machine = source.machine;
  return o;
}

/**
 * The arch fact as the rule tables take it: x86_64 or x86, or unknown with
 * why (the tables cover no other machine).
 */
export function ruleArch(fact: Fact<string>): Fact<Arch> {
  if (fact.value === 'x86_64' || fact.value === 'x86') return { ...fact, value: fact.value };
  if (fact.value === undefined) return { ...fact, value: undefined };
  return unknown(
    `the guest is ${fact.value} (${fact.source}); the tables cover x86_64 and x86 only`,
  );
}
