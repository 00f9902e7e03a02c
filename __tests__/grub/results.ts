import type { Facts } from '../../src/facts/types.js';
import type { RunResult } from '../../src/grub/result.js';

/** The facts of a RHEL 5.4 x86_64 guest without kvm-clock, as given on the command line. */
export const FACTS: Facts = {
  release: { value: '5.4', source: '--release' },
  arch: { value: 'x86_64', source: '--arch' },
  pvclock: { value: false, source: '--no-pvclock' },
  lpj: { value: 2394000, source: '--lpj' },
};

/** A made-up run result: what a test leaves out is empty or false. */
export function result(over: Partial<RunResult>): RunResult {
  return {
    root: '/',
    facts: FACTS,
    kind: 'grub',
    params: [],
    perEntry: false,
    plans: [],
    edits: [],
    advice: [],
    clockUse: [],
    changed: false,
    newText: '',
    patch: '',
    warnings: [],
    outcome: 'no-params',
    ...over,
  };
}
