import { describeFailure } from '../../shared/rootfs.js';
import type { FactSource } from '../source.js';
import { printable } from '../../shared/text.js';

/**
 * Bytes read from the end of each log. A boot's kernel lines sit where the
 * boot began, so a busy log can push them out of this window; the next older
 * file is then read, and the window keeps a huge /var/log/messages cheap.
 */
export const LOG_TAIL_BYTES = 1024 * 1024;
/** Log files read at most, newest first. */
export const MAX_LOG_FILES = 6;

/** One boot's kernel lines that detection cares about (first lpj, last clocksource switch). */
export interface Boot {
  /** From its "Linux version ..." line; absent for lines logged before the first such line. */
  kernel?: string;
  /** A calibration that measured the delay loop. */
  lpj?: { value: number; line: string };
  /** "Calibrating delay loop (skipped) preset value..": an echo of lpj= on the kernel line. */
  lpjPreset?: { value: number; line: string };
  kvmClock?: { line: string };
  clocksource?: { value: string; line: string };
  /** "Hypervisor detected: KVM", else the "DMI:" line, else "Booting paravirtualized kernel on KVM". */
  hypervisor?: { value: string; line: string; rank: number };
}

/** A fact found in a log. */
export interface LogHit<T> {
  value: T;
  /** The kernel message it was read from, timestamps stripped. */
  line: string;
  /** "dmesg" or the log file's host path. */
  source: string;
  /** Version of the kernel that booted when the line was logged, when the log says. */
  kernel?: string;
  /** Not the newest boot in that log: the newest boot did not log this. */
  earlierBoot: boolean;
  /** How recent the boot is across every log read: 0 is the newest; a smaller rank is newer. */
  rank?: number;
}

export interface KernelLog {
  lpj?: LogHit<number>;
  /** The newest preset echo, kept to say why it is not taken as lpj. */
  lpjPreset?: LogHit<number>;
  kvmClock?: LogHit<true>;
  clocksource?: LogHit<string>;
  /** The hypervisor's name as the kernel logged it ("KVM", "VMware", "QEMU Standard PC ..."). */
  hypervisor?: LogHit<string>;
  /** Every source tried, with why not when it could not be read. */
  looked: string[];
  /** How many sources were merged: orders boots across them. */
  merged?: number;
}

const CALIBRATION = /Calibrating delay.*?BogoMIPS\s*\(lpj=(\d+)\)/;
const CLOCKSOURCE = [
  /Switch(?:ed|ing) to clocksource (\S+)/,
  /Time: (\S+) clocksource has been installed/,
  /Using (\S+) for high-res timesource/,
];

/** "Nov 24 10:00:00 host kernel: " (rsyslog's default) or "2024-01-01T10:00:00+00:00 host kernel: " (RFC 3339). */
const SYSLOG_KERNEL = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) \S+ kernel: ?/;

/** The kernel's own message: syslog prefix ("Nov 24 10:00:00 host kernel: ") and "[ 0.000000] " stripped. */
export function kernelMessage(line: string, syslog: boolean): string | undefined {
  let msg = line.replace(/\r$/, '');
  if (syslog) {
    // The tag must be the kernel's: "ntpd[12]: kernel: ..." is a program's message.
    const m = SYSLOG_KERNEL.exec(msg);
    if (!m) return undefined;
    msg = msg.slice(m[0].length);
  }
  return msg.replace(/^<\d+>/, '').replace(/^\[\s*\d+\.\d+\]\s?/, '');
}

function setHypervisor(boot: Boot, value: string, line: string, rank: number): void {
  if (!boot.hypervisor || boot.hypervisor.rank > rank)
    boot.hypervisor = { value: value.trim(), line, rank };
}

/**
 * Splits a log into boots at each "Linux version" line and picks out the
 * lines detection uses. `syslog`: the text is /var/log/messages, where
 * only "kernel:" lines count (a user's `logger lpj=1` must not).
 */
export function scanLog(text: string, syslog: boolean): Boot[] {
  const boots: Boot[] = [{}];
  let boot = boots[0] as Boot;
  for (const raw of text.split('\n')) {
    const msg = kernelMessage(raw, syslog);
    if (msg === undefined || msg === '') continue;
    const version = /^Linux version (\S+)/.exec(msg);
    if (version) {
      boot = { kernel: version[1] as string };
      boots.push(boot);
      continue;
    }
    const cal = CALIBRATION.exec(msg);
    if (cal) {
      // From RHEL 5.4 on, a kernel booted with lpj=N echoes it: not a measurement.
      const key = /preset value/i.test(msg) ? 'lpjPreset' : 'lpj';
      boot[key] ??= { value: Number(cal[1]), line: msg };
      continue;
    }
    for (const re of CLOCKSOURCE) {
      const m = re.exec(msg);
      if (m) boot.clocksource = { value: m[1] as string, line: msg };
    }
    if (!boot.kvmClock && msg.includes('kvm-clock') && !/disabl|unstable|fail|not /i.test(msg))
      boot.kvmClock = { line: msg };
    let m = /Hypervisor detected: (.+)$/.exec(msg);
    if (m) setHypervisor(boot, m[1] as string, msg, 0);
    m = /^DMI: (.+?)(?:, BIOS .*)?$/.exec(msg);
    if (m && !/not present|invalid/i.test(msg)) setHypervisor(boot, m[1] as string, msg, 1);
    m = /Booting paravirtualized kernel on (.+)$/.exec(msg);
    // "bare hardware" only means no pv_ops hypervisor: VMware guests say it too.
    if (m && !/bare hardware/i.test(m[1] as string)) setHypervisor(boot, m[1] as string, msg, 2);
  }
  return boots;
}

type BootKey = 'lpj' | 'lpjPreset' | 'kvmClock' | 'clocksource' | 'hypervisor';

/** The newest boot that logged `key`, newest boot first. */
/** Boots one source can hold before its ranks would meet the next source's. */
const SOURCE_RANKS = 1_000_000;

function newest<K extends BootKey>(
  boots: readonly Boot[],
  key: K,
  sourceIndex: number,
): { boot: Boot; earlier: boolean; rank: number } | undefined {
  for (let i = boots.length - 1; i >= 0; i--) {
    const boot = boots[i] as Boot;
    if (boot[key] !== undefined)
      return {
        boot,
        earlier: i !== boots.length - 1,
        rank: sourceIndex * SOURCE_RANKS + (boots.length - 1 - i),
      };
  }
  return undefined;
}

function hit<T>(
  value: T,
  line: string,
  source: string,
  found: { boot: Boot; earlier: boolean; rank: number },
): LogHit<T> {
  const h: LogHit<T> = {
    value,
    line: printable(line, 200),
    source,
    earlierBoot: found.earlier,
    rank: found.rank,
  };
  if (found.boot.kernel !== undefined) h.kernel = found.boot.kernel;
  return h;
}

/** Adds to `log` what `boots` has that `log` still lacks (sources come newest first). */
export function mergeBoots(log: KernelLog, boots: readonly Boot[], source: string): void {
  const index = log.merged ?? 0;
  log.merged = index + 1;
  const take = <K extends BootKey>(key: K): ReturnType<typeof newest<K>> =>
    log[key] ? undefined : newest(boots, key, index);
  for (const key of ['lpj', 'lpjPreset'] as const) {
    const found = take(key);
    const v = found?.boot[key];
    if (found && v) log[key] = hit(v.value, v.line, source, found);
  }
  const kvm = take('kvmClock');
  if (kvm?.boot.kvmClock) log.kvmClock = hit(true as const, kvm.boot.kvmClock.line, source, kvm);
  const cs = take('clocksource');
  if (cs?.boot.clocksource)
    log.clocksource = hit(cs.boot.clocksource.value, cs.boot.clocksource.line, source, cs);
  const hv = take('hypervisor');
  if (hv?.boot.hypervisor)
    log.hypervisor = hit(hv.boot.hypervisor.value, hv.boot.hypervisor.line, source, hv);
}

function complete(log: KernelLog): boolean {
  return (
    log.lpj !== undefined &&
    log.kvmClock !== undefined &&
    log.clocksource !== undefined &&
    log.hypervisor !== undefined
  );
}

/** Ordinal of a log file among equally old ones: dmesg, messages, messages.1, ..., then dated rotations, newest first. */
function fileRank(name: string): number {
  if (name === 'dmesg') return 0;
  if (name === 'messages') return 1;
  if (name === 'dmesg.old') return 2;
  const n = /^messages\.(\d+)$/.exec(name);
  if (n) return 3 + Number(n[1]);
  return 1e6;
}

interface LogFile {
  name: string;
  mtime: number;
}

/** Which /var/log files hold kernel lines, newest first; compressed rotations are not read. */
export function orderLogFiles(files: readonly LogFile[]): LogFile[] {
  return [...files].sort(
    (a, b) =>
      b.mtime - a.mtime || fileRank(a.name) - fileRank(b.name) || b.name.localeCompare(a.name),
  );
}

const LOG_NAME = /^(?:dmesg|dmesg\.old|messages(?:[.-][\w.-]+)?)$/;
const COMPRESSED = /\.(?:gz|bz2|xz|zst|Z)$/;

/**
 * The kernel log's lpj, kvm-clock, clocksource and hypervisor lines: live
 * `dmesg` first, then /var/log/dmesg and /var/log/messages* from newest to
 * oldest. Each fact comes from the newest boot that logged it; reading stops
 * once every fact has been found.
 */
export async function readKernelLog(source: FactSource): Promise<KernelLog> {
  const fs = source.files;
  const log: KernelLog = { looked: [] };
  if (source.live && source.dmesg) {
    try {
      const text = await source.dmesg();
      mergeBoots(
        log,
        scanLog(
          text.length > LOG_TAIL_BYTES ? text.slice(text.length - LOG_TAIL_BYTES) : text,
          false,
        ),
        'dmesg',
      );
      log.looked.push('dmesg');
    } catch (e) {
      log.looked.push(`dmesg (failed: ${e instanceof Error ? e.message : String(e)})`);
    }
    if (complete(log)) return log;
  }

  const dir = await fs.list('/var/log');
  const names = dir.ok ? dir.names : [];
  for (const expected of ['dmesg', 'messages']) {
    if (!names.includes(expected)) log.looked.push(fs.hostPath(`/var/log/${expected}`));
  }
  if (!dir.ok && !dir.missing) log.looked.push(describeFailure(dir));
  const candidates = names.filter((n) => LOG_NAME.test(n) && !COMPRESSED.test(n));
  if (names.some((n) => n.startsWith('messages') && COMPRESSED.test(n)))
    log.looked.push(`${fs.hostPath('/var/log/messages*')} compressed (not read)`);
  const files = orderLogFiles(
    await Promise.all(
      candidates.map(async (name) => ({ name, mtime: (await fs.mtime(`/var/log/${name}`)) ?? 0 })),
    ),
  ).slice(0, MAX_LOG_FILES);

  for (const { name } of files) {
    const r = await fs.readText(`/var/log/${name}`, { max: LOG_TAIL_BYTES, tail: true });
    if (!r.ok) {
      log.looked.push(describeFailure(r));
      continue;
    }
    log.looked.push(r.text.trim() === '' ? `${r.path} (empty)` : r.path);
    // A tail read starts mid-line; that partial line is dropped.
    const text = r.truncated ? r.text.slice(r.text.indexOf('\n') + 1) : r.text;
    mergeBoots(log, scanLog(text, name.startsWith('messages')), r.path);
    if (complete(log)) break;
  }
  return log;
}
