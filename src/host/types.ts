/**
 * The host side of the seed document (RHEV 3.4 Administration Guide,
 * 9.16.3): what a KVM host needs so its guests keep time. The check only
 * reads; every finding says which files it looked at.
 */

/**
 * - `ok`: nothing to do.
 * - `action`: the document asks for a change; `remedy` says exactly what.
 * - `unknown`: the files that would tell are missing or unreadable.
 * - `info`: worth knowing, asks for nothing.
 */
export type FindingStatus = 'ok' | 'action' | 'unknown' | 'info';

export type FindingId = 'kvm-host' | 'constant-tsc' | 'max-cstate' | 'cpufreq' | 'ntp';

/** One file (or directory) looked at and what was found there. */
export interface Evidence {
  /** Path on the machine running the check (the root joined with the host path). */
  path: string;
  found: string;
}

/** One step of a remedy: a sentence, then the exact lines to type or write. */
export interface RemedyStep {
  say: string;
  lines?: string[];
}

interface FindingBase {
  status: FindingStatus;
  /** One line. */
  summary: string;
  evidence: Evidence[];
  /** Present when something can be done: always for `action`, sometimes for `unknown` ("if needed"). */
  remedy?: RemedyStep[];
}

/** Whether the document's C-state/cpufreq advice applies: it is for hosts without constant_tsc. */
export type Needed = boolean | null;

export interface KvmHostFinding extends FindingBase {
  id: 'kvm-host';
  data: {
    devKvm: boolean;
    /** `vmx` (Intel) or `svm` (AMD) among the cpu flags; null when cpuinfo had no flags. */
    virtFlags: string[] | null;
    /** The `hypervisor` flag: the host is itself a virtual machine. */
    hypervisorFlag: boolean | null;
  };
}

export interface ConstantTscFinding extends FindingBase {
  id: 'constant-tsc';
  data: {
    /** 'some' when processors disagree: the TSC is then not constant across the host. */
    present: 'all' | 'some' | 'none' | null;
    processors: number | null;
    withoutFlag: number[];
    /** "AuthenticAMD family 15 model 65 (Dual-Core AMD Opteron(tm) Processor 2218)". */
    cpu: string | null;
    /** AMD K8 revision F, the CPUs the document's advice is written for. */
    amdRevisionF: boolean | null;
  };
}

export interface MaxCstateFinding extends FindingBase {
  id: 'max-cstate';
  data: {
    needed: Needed;
    /** `processor.max_cstate=1` on /proc/cmdline; null when the command line could not be read. */
    onCmdline: boolean | null;
    /** The value found on the command line when it is not 1. */
    cmdlineValue: string | null;
    /** In the kernel line of grub.conf's default entry; null when that line could not be found. */
    inGrubConf: boolean | null;
  };
}

export interface CpufreqFinding extends FindingBase {
  id: 'cpufreq';
  data: {
    needed: Needed;
    /** 'inactive': the cpus have no cpufreq directory, so there is nothing to pin. */
    cpufreq: 'active' | 'inactive' | null;
    /** Highest value of scaling_available_frequencies over all cpus, in kHz. */
    highestKHz: number | null;
    /** As written in /etc/sysconfig/cpuspeed (null: not set or file missing). */
    minSpeed: string | null;
    maxSpeed: string | null;
    pinned: boolean | null;
  };
}

export interface NtpFinding extends FindingBase {
  id: 'ntp';
  data: {
    daemon: 'ntpd' | 'chronyd' | null;
    /** Null for an offline root: no processes to look at. */
    running: boolean | null;
    enabled: boolean;
  };
}

export type Finding =
  KvmHostFinding | ConstantTscFinding | MaxCstateFinding | CpufreqFinding | NtpFinding;

export interface HostReport {
  /** The root read, absolute. */
  root: string;
  /** The root is the running system: processes were looked at. */
  live: boolean;
  /** In a fixed order: kvm-host, constant-tsc, max-cstate, cpufreq, ntp. */
  findings: Finding[];
}

export interface CheckHostOptions {
  /** Look at running processes under <root>/proc. Defaults to root === '/'. */
  live?: boolean;
}
