import { ToolError } from '../shared/errors.js';
import type { Options } from '../shared/options.js';
import { printable } from '../shared/text.js';
import { COLLECTOR_SCRIPT } from '../facts/sources/collector.js';
import type { OutputSink } from '../output/guest.js';
import type { OutputPair } from '../output/outputs.js';
import { openSession, type Session } from '../remote/ssh.js';
import { writeRemoteFiles } from '../remote/write.js';
import { md5 } from '../remote/write-script.js';
import { bundleGuest } from './bundle-guest.js';
import { pairRequest } from './pair-request.js';
import type { OpenGuest } from './open-guest.js';

/** Runs the collector on the guest (sent on stdin: nothing is installed there) and returns its bundle. */
export async function collectOverSsh(session: Session): Promise<string> {
  const r = await session.run('sh -s', COLLECTOR_SCRIPT);
  const text = r.stdout.toString('latin1');
  if (!text.includes('-----BEGIN FIX-CLOCK-DRIFT FACTS-----')) {
    const why = printable(
      r.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit status ${r.code}`,
      200,
    );
    throw new ToolError(
      `guest ${printable(session.target)}: the collector printed no facts bundle (${why}): check that the login shell there runs sh, or run \`fix-clock-drift collector\` on its console and use --facts`,
    );
  }
  return text;
}

/** What the check prints before each output already on the guest. */
const EXISTS = 'FCD-EXISTS';

/** What the current-check prints before each output's md5 on the guest. */
const SUM = 'FCD-MD5';

/**
 * Whether the guest already holds the pair as it would be written: the md5
 * of both files, by sh and on marked lines (a chatty login prints its own).
 */
async function remoteIsCurrent(session: Session, pair: OutputPair): Promise<boolean> {
  const quoted = [pair.output, pair.diffPath].map((p) => `'${p.replace(/'/g, `'\\''`)}'`);
  const r = await session.run(
    'sh -s',
    `for f in ${quoted.join(' ')}; do if [ -f "$f" ] && [ ! -h "$f" ]; then echo "${SUM} $(md5sum < "$f")"; fi; done\n`,
  );
  const sums = r.stdout
    .toString('latin1')
    .split('\n')
    .filter((l) => l.startsWith(`${SUM} `))
    .map((l) => l.slice(SUM.length + 1).split(/\s/)[0]);
  const want = [pair.content, pair.patch].map((t) => md5(Buffer.from(t, 'latin1')));
  return sums.length === 2 && sums[0] === want[0] && sums[1] === want[1];
}

/** Writes the pair beside grub.conf on the guest with the POSIX sh writer, never touching grub.conf. */
function remoteSink(session: Session): OutputSink {
  return {
    where: session.target,
    async check(output, diffPath, force) {
      if (force) return;
      const quoted = [output, diffPath].map((p) => `'${p.replace(/'/g, `'\\''`)}'`);
      // By sh, as the collector and the writer run, whatever the login shell;
      // marked lines, since a chatty login prints its own around them.
      const r = await session.run(
        'sh -s',
        `for f in ${quoted.join(' ')}; do if [ -e "$f" ]; then echo "${EXISTS} $f"; fi; done\n`,
      );
      const there = r.stdout
        .toString('latin1')
        .split('\n')
        .find((l) => l.startsWith(`${EXISTS} `));
      if (there !== undefined)
        throw new ToolError(
          `refusing to replace ${printable(session.target)}:${printable(there.slice(EXISTS.length + 1).replace(/\r$/, ''))}: it already exists (move it away on the guest, or give --force)`,
        );
    },
    isCurrent: (pair) => remoteIsCurrent(session, pair),
    async write(pair: OutputPair) {
      await writeRemoteFiles(session, pairRequest(pair, session.target));
      return 'written';
    },
  };
}

/**
 * `--ssh [USER@]HOST`: a live guest over one SSH connection. Its facts come
 * from the collector run there; the outputs are written there beside
 * grub.conf (unless --output or --diff name files here).
 */
export async function sshGuest(options: Options, target: string): Promise<OpenGuest> {
  const session = await openSession(target, {
    ...(options.sshCommand === undefined ? {} : { sshCommand: options.sshCommand }),
    interactive: process.stdin.isTTY === true && !options.yes,
  });
  try {
    const text = await collectOverSsh(session);
    const local = options.output !== undefined || options.diff !== undefined;
    return await bundleGuest(
      options,
      text,
      { label: `from guest ${printable(target)}`, guestName: target, fallbackName: target },
      () => (local ? undefined : remoteSink(session)),
      () => session.close(),
    );
  } catch (err) {
    await session.close();
    throw err;
  }
}
