import { EXIT_OK, ToolError, UsageError } from '../../shared/errors.js';
import { BUNDLE_LIMITS } from '../../facts/sources/bundle-format.js';
import { decideStep, type GuestOutput, type StepResult } from '../../fleet/decide.js';
import { checkGuestName } from '../../fleet/files.js';
import { recordStep } from '../../fleet/record.js';
import { parseGuestList, startRun } from '../../fleet/start.js';
import { checkStep, verifyStep } from '../../fleet/verify.js';
import type { Subcommand } from './types.js';

const ACTIONS = ['start', 'decide', 'write', 'verify', 'install', 'check'] as const;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > BUNDLE_LIMITS.text)
      throw new ToolError(`fleet-step: stdin is over ${BUNDLE_LIMITS.text} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function guestOutput(text: Buffer, values: Readonly<Record<string, unknown>>): GuestOutput {
  const out: GuestOutput = { text };
  const status = values.status as string | undefined;
  if (status !== undefined && status !== '') {
    if (!/^-?\d+$/.test(status))
      throw new UsageError(`--status ${status}: expected the exit status, a number`);
    out.status = Number(status);
  }
  const unreachable = values.unreachable as string | undefined;
  if (unreachable !== undefined) out.unreachable = unreachable || 'no reason given';
  return out;
}

/** This tool as a command to run again: node, its flags, this script. */
function self(): string[] {
  return [process.execPath, ...process.execArgv, process.argv[1] as string];
}

/**
 * `fix-clock-drift fleet-step ACTION DIR [GUEST]`: the controller side of
 * the Ansible role (ansible/), one step of one guest at a time, with what
 * the guest printed on stdin and every result in a file of DIR.
 */
export const fleetStep: Subcommand = {
  name: 'fleet-step',
  summary:
    "the Ansible role's controller side: start a run, decide a guest, record a write or an install, check",
  description:
    "The Ansible role's controller side (see ansible/README.md): start DIR (guest names on stdin) makes the reports directory and lists the run's guests; decide DIR GUEST (the collector's output on stdin) saves GUEST.facts and GUEST.decide.json and emits GUEST.write.sh when the guest needs its pair; write DIR GUEST (the writer's output on stdin) saves GUEST.write.json; verify DIR GUEST (the collector's output on stdin) checks the pair on the guest as install does, saves GUEST.verify.json and emits GUEST.install.sh when grub.conf is to be replaced; install DIR GUEST (that writer's output on stdin) saves GUEST.install.json; check DIR GUEST (the collector's output after the reboot on stdin) saves GUEST.check.json and fails when the check does not hold. Prints one JSON line: the guest's outcome and whether it changed.",
  args: '<action> <dir> [guest] [flags...]',
  exitStatus:
    '0 done, 1 the guest failed (its report says why, and so does one line on stderr), 2 usage error.',
  flags: [
    {
      flags: '--status <n>',
      description: "the exit status of the guest's command, as Ansible saw it",
    },
    {
      flags: '--unreachable <message>',
      description: "the guest could not be reached: Ansible's message",
    },
  ],
  async run(values, args) {
    const [given, dir, guest, ...flags] = args;
    const action = ACTIONS.find((a) => a === given);
    if (action === undefined || dir === undefined)
      throw new UsageError(
        `fleet-step needs an action (${ACTIONS.join(', ')}) and the reports directory: fleet-step ACTION DIR [GUEST]`,
      );
    const input = await readStdin();
    if (action === 'start') {
      if (guest !== undefined) throw new UsageError('fleet-step start takes the guests on stdin');
      const guests = parseGuestList(input.toString('utf8'));
      await startRun(dir, guests);
      process.stdout.write(`${JSON.stringify({ dir, guests: guests.length })}\n`);
      return EXIT_OK;
    }
    if (guest === undefined) throw new UsageError(`fleet-step ${action} needs the guest's name`);
    checkGuestName(guest);
    if (action !== 'decide' && flags.length)
      throw new UsageError(
        `fleet-step ${action} takes no flags after the guest: ${flags.join(' ')}`,
      );
    const out = guestOutput(input, values);
    const result: StepResult =
      action === 'decide'
        ? await decideStep(self(), dir, guest, out, flags)
        : action === 'verify'
          ? await verifyStep(self(), dir, guest, out)
          : action === 'check'
            ? await checkStep(self(), dir, guest, out)
            : await recordStep(dir, guest, action, out);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  },
};
