import { isRhelFamily, type DetectedFacts } from '../facts/detect/types.js';
import { ntpAdvice } from '../facts/detect/ntp.js';
import { notKvmReason } from '../facts/detect/dmi.js';
import type { RuleChoice } from '../rules/registry.js';

function guestOf(d: DetectedFacts): { family?: string; release?: string } {
  const g: { family?: string; release?: string } = {};
  if (d.family.value !== undefined) g.family = d.family.value;
  if (d.release.value !== undefined) g.release = d.release.value;
  return g;
}

/**
 * What the administrator should know beyond the kernel line: the seed
 * document's NTP advice when ntpd is not enabled, and a word when the guest
 * is clearly not on KVM (the tables are KVM's).
 */
export function advise(detected: DetectedFacts | undefined, choice: RuleChoice): string[] {
  if (!detected) return [];
  const out: string[] = [];
  const ntp = detected.ntp.value;
  if (ntp && !ntp.enabled) {
    const state = ntp.installed ? 'installed but not enabled at boot' : 'not installed';
    // The seed's commands are RHEL's; other systems name and start the service their own way.
    const how = isRhelFamily(detected.family.value)
      ? `; on the guest: ${ntpAdvice(ntp, guestOf(detected)).join('; ')}`
      : '';
    out.push(
      `${ntp.daemon ?? 'ntpd'} is ${state} (${detected.ntp.source}): the guest should run NTP${how}`,
    );
  }
  const notKvm = notKvmReason(detected);
  if (notKvm && !choice.note)
    out.push(`the guest is not on KVM: ${notKvm}; the tables used here are written for KVM guests`);
  return out;
}
