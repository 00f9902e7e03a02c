import { GRUB_CONF, type DefaultKernelLine } from '../grub-conf.js';
import { lastValue, otherPowerArgs, type ProcCmdline } from '../proc-cmdline.js';
import type { Evidence, MaxCstateFinding, Needed, RemedyStep } from '../types.js';
import { REV_F_ONLY } from './constant-tsc.js';

export const MAX_CSTATE = 'processor.max_cstate=1';

/** The document's example kernel line (RHEV 3.4 Administration Guide, 9.16.3). */
export const DOC_KERNEL_LINE =
  'kernel /vmlinuz-2.6.18-159.el5 ro root=/dev/VolGroup00/LogVol00 rhgb quiet processor.max_cstate=1';

const IF_NEEDED = 'If the host has no constant_tsc: ';

function appendRemedy(grub: DefaultKernelLine, ifNeeded: boolean): RemedyStep[] {
  const where = `${ifNeeded ? IF_NEEDED : ''}append ${MAX_CSTATE} to the host's kernel line in ${GRUB_CONF}`;
  const step: RemedyStep = grub.ok
    ? { say: `${where} (its default entry), so that it reads:`, lines: [grub.edited] }
    : { say: `${where}, as in the document's example:`, lines: [DOC_KERNEL_LINE] };
  return [
    capitalized(step),
    { say: 'Then reboot the host: the kernel reads its command line only at boot.' },
  ];
}

function capitalized(step: RemedyStep): RemedyStep {
  return { ...step, say: step.say.charAt(0).toUpperCase() + step.say.slice(1) };
}

/**
 * Deep C states can stop the TSC, so a host without constant_tsc needs
 * processor.max_cstate=1 on the command line of the kernel it runs. The
 * running command line (/proc/cmdline) decides; grub.conf's default kernel
 * line stands in for it on an offline root, and tells "edited but not
 * rebooted" apart from "never edited".
 */
export function maxCstateFinding(
  needed: Needed,
  tscEvidence: Evidence[],
  cmdline: ProcCmdline,
  grub: DefaultKernelLine,
): MaxCstateFinding {
  const value = cmdline.ok ? lastValue(cmdline.args, 'processor.max_cstate') : undefined;
  const data = {
    needed,
    onCmdline: cmdline.ok ? value === '1' : null,
    cmdlineValue: value !== undefined && value !== '1' ? value : null,
    inGrubConf: grub.ok ? grub.has : null,
  };
  if (needed === false) {
    return {
      id: 'max-cstate',
      status: 'ok',
      summary: `not needed: the host has constant_tsc (the document asks for ${MAX_CSTATE} only on hosts without it)`,
      evidence: tscEvidence,
      data,
    };
  }

  const evidence: Evidence[] = [
    cmdline.ok ? { path: cmdline.path, found: cmdline.text } : cmdline.evidence,
  ];
  if (cmdline.ok) {
    const others = otherPowerArgs(cmdline.args).filter(
      (a) => !a.startsWith('processor.max_cstate'),
    );
    if (others.length > 0) {
      evidence.push({
        path: cmdline.path,
        found: `also ${others.join(' ')} (not what the document asks for)`,
      });
    }
  }
  evidence.push(
    grub.ok ? { path: grub.path, found: `default entry: ${grub.line}` } : grub.evidence,
  );
  const why = needed
    ? `needed without constant_tsc; ${REV_F_ONLY}`
    : 'needed only if the host lacks constant_tsc, which could not be told';

  // What the host runs with, or failing that what it boots with.
  const set = cmdline.ok ? value === '1' : grub.ok ? grub.has : undefined;
  const source = cmdline.ok
    ? "the running kernel's command line"
    : `the default kernel line of ${GRUB_CONF}`;
  if (set === true) {
    return {
      id: 'max-cstate',
      status: 'ok',
      summary: `${MAX_CSTATE} is on ${source}`,
      evidence,
      data,
    };
  }
  if (set === undefined) {
    return {
      id: 'max-cstate',
      status: 'unknown',
      summary: `cannot tell whether ${MAX_CSTATE} is set: no readable /proc/cmdline and no default kernel line in ${GRUB_CONF} (${why})`,
      evidence,
      data,
      remedy: appendRemedy(grub, !needed),
    };
  }
  const status = needed ? 'action' : 'unknown';
  const found =
    data.cmdlineValue !== null
      ? `processor.max_cstate=${data.cmdlineValue} is on ${source}, not ${MAX_CSTATE}`
      : `${MAX_CSTATE} is not on ${source}`;
  if (cmdline.ok && grub.ok && grub.has) {
    return {
      id: 'max-cstate',
      status,
      summary: `${found}, though ${GRUB_CONF} has it: the host has not been rebooted since (${why})`,
      evidence,
      data,
      remedy: [
        capitalized({
          say: `${needed ? '' : IF_NEEDED}reboot the host so the kernel boots with it.`,
        }),
      ],
    };
  }
  return {
    id: 'max-cstate',
    status,
    summary: `${found} (${why})`,
    evidence,
    data,
    remedy: appendRemedy(grub, !needed),
  };
}
