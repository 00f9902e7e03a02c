import { argName } from '../shared/cmdline.js';

/** What each clock parameter does, for --explain; keyed by name (the text before `=`). */
export const PARAM_DOCS: Readonly<Record<string, string>> = {
  notsc:
    'stops the kernel from using the Time Stamp Counter as a clock: on a host whose TSC is not constant (frequency changes, deep C states, migration) a guest that counts TSC ticks drifts',
  lpj: 'presets loops-per-jiffy (the value the kernel measured on an idle boot), so the guest does not calibrate its delay loop while the host is busy and get it wrong',
  clocksource:
    'chooses the clocksource by name; acpi_pm is the ACPI power-management timer, a fixed 3.579545 MHz counter that does not depend on the TSC (RHEL 5 and later kernels)',
  clock:
    'the RHEL 4 (2.6.9) way to choose the clock: pmtmr is the ACPI power-management timer, which does not depend on the TSC',
  divider:
    'divides the timer interrupt rate (divider=10 turns HZ 1000 into 100), so an idle guest costs the host less; RHEL 4 and RHEL 5 before 5.8 can panic with it (BZ 698842)',
  hpet: 'hpet=disable keeps the kernel off the HPET timer, which VMware advises for RHEL 4 guests',
};

export function describeParam(param: string): string {
  return PARAM_DOCS[argName(param)] ?? 'not a parameter this tool knows: given as it is';
}
