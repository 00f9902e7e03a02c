import { UsageError } from '../../shared/errors.js';
import { VERSION } from '../../shared/version.js';
import { InvalidValue } from '../values.js';
import { JSON_FLAG, SSH_COMMAND_FLAG, SSH_FLAG } from './guest-flags.js';
import type { FlagValues, Subcommand } from './types.js';

function number(what: string): (value: string) => number {
  return (value) => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new InvalidValue(`expected ${what} of at least 0, e.g. 30`);
    return n;
  };
}

function num(values: FlagValues, key: string): number | undefined {
  const v = values[key];
  return typeof v === 'number' ? v : undefined;
}

/** Progress on a terminal, one line rewritten: a 30 s run should not look hung. */
function progress(guest: string, duration: number): ((s: unknown, i: number) => void) | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  return (_s, i) =>
    process.stderr.write(`\rmeasuring ${guest}: ${i + 1} samples (${duration} s in all)`);
}

/** `fix-clock-drift drift --ssh HOST`: the seed document's "timing should always be tested". */
export const drift: Subcommand = {
  name: 'drift',
  summary: "measure a running guest's clock against this machine's: offset, drift rate, limits",
  description:
    "Measures a running guest's clock against this machine's over one SSH connection: each sample brackets the guest's date +%s.%N between two readings of this machine's clock (offset = guest time minus the midpoint, half the round trip its bound); over --duration a least-squares drift rate in ppm with its uncertainty, and seconds gained or lost per day. Says whether this machine's own clock is synchronised (chronyc, ntpq or timedatectl), since the measurement is relative to it.",
  exitStatus:
    '0 every limit given holds (or none was given), 1 a limit is exceeded or cannot be decided yet (measure longer), or a failure; 2 usage error; 130 interrupted.',
  flags: [
    SSH_FLAG,
    SSH_COMMAND_FLAG,
    {
      flags: '--duration <seconds>',
      description: 'seconds from the first sample to the last',
      defaultText: '30',
      parse: number('a number of seconds'),
    },
    {
      flags: '--interval <seconds>',
      description: 'seconds between samples',
      defaultText: '1',
      parse: number('a number of seconds'),
    },
    {
      flags: '--max-offset <seconds>',
      description: "the largest offset accepted, in seconds (the seed's engine-config drift limit)",
      parse: number('a number of seconds'),
    },
    {
      flags: '--max-ppm <ppm>',
      description: 'the largest drift rate accepted, in parts per million',
      parse: number('a number of ppm'),
    },
    JSON_FLAG,
  ],
  async run(values) {
    const target = typeof values.ssh === 'string' ? values.ssh : undefined;
    if (target === undefined)
      throw new UsageError(
        "drift needs --ssh HOST: it measures a running guest's clock against this machine's",
      );
    const sshCommand = typeof values.sshCommand === 'string' ? values.sshCommand : undefined;
    const duration = num(values, 'duration') ?? 30;
    const interval = num(values, 'interval') ?? 1;
    if (interval === 0) throw new UsageError('--interval 0: give a number of seconds above 0');
    const [{ openSession }, d] = await Promise.all([
      import('../../remote/ssh.js'),
      import('../../drift/index.js'),
    ]);
    const session = await openSession(target, {
      ...(sshCommand === undefined ? {} : { sshCommand }),
      interactive: process.stdin.isTTY === true && !values.json,
    });
    const probe = d.sshClockProbe(session);
    const onSample = values.json ? undefined : progress(target, duration);
    let report;
    try {
      report = await d.runDrift({
        probe,
        guest: target,
        duration,
        interval,
        ...(num(values, 'maxOffset') === undefined ? {} : { maxOffset: num(values, 'maxOffset') }),
        ...(num(values, 'maxPpm') === undefined ? {} : { maxPpm: num(values, 'maxPpm') }),
        ...(onSample ? { onSample } : {}),
      });
    } finally {
      if (onSample) process.stderr.write('\n');
      await probe.close();
      await session.close();
    }
    const code = d.driftExitCode(report);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ tool: 'fix-clock-drift', version: VERSION, command: 'drift', ...report, exitCode: code }, null, 2)}\n`
        : d.renderDriftReport(report),
    );
    return code;
  },
};
