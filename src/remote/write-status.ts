import { ToolError } from '../shared/errors.js';
import { printable } from '../shared/text.js';

/** One "FCDW <word> <rest>" line of the writer (see writer.sh). */
export interface Status {
  word: string;
  args: string[];
  /** Everything after the word, for messages that end a line. */
  rest: string;
}

/** The writer's status lines; other output (a chatty .bashrc, CR from a pty) is ignored. */
export function parseStatus(stdout: Buffer): Status[] {
  const found: Status[] = [];
  for (const raw of stdout.toString('latin1').split('\n')) {
    const m = /^FCDW (\S+)(?: (.*))?$/.exec(raw.replace(/\r$/, ''));
    if (!m?.[1]) continue;
    const rest = m[2] ?? '';
    found.push({ word: m[1], args: rest.split(' '), rest });
  }
  return found;
}

/** What the writer was asked, to name things in messages. */
export interface WriteContext {
  guest: string;
  dir: string;
  names: string[];
  expectNames: string[];
  lock: string;
}

function at(ctx: WriteContext, index: string | undefined, names = ctx.names): string {
  const name = names[Number(index) - 1];
  return name ? `${ctx.dir === '/' ? '' : ctx.dir}/${name}` : ctx.dir;
}

/** The way out for a refusal of the system, by its message (the writer runs with LC_ALL=C). */
function systemReason(message: string): string {
  if (/Read-only file system/i.test(message))
    return 'read-only file system (make it writable on the guest, e.g. mount -o remount,rw /boot, or write the files here with --output and --diff and copy them yourself)';
  if (/No space left|wrote \d+ of \d+ bytes/i.test(message))
    return 'no space left on the device (free some space there, or write the files here with --output and --diff and copy them yourself)';
  if (/quota/i.test(message))
    return 'disk quota exceeded (free some space there, or write the files here with --output and --diff)';
  if (/Permission denied|Operation not permitted/i.test(message))
    return 'permission denied (writing there needs root on the guest: log in as root)';
  return printable(message);
}

/** The one-line error for a writer that stopped without writing, from its status lines. */
export function writerFailure(ctx: WriteContext, statuses: Status[], stderr: string): ToolError {
  const left = statuses.filter((s) => s.word === 'left').map((s) => printable(s.rest));
  const outcome = left.length
    ? `; left behind on the guest: ${left.join(', ')} (remove ${left.length > 1 ? 'them' : 'it'})`
    : '; nothing was written';
  const guest = `guest ${printable(ctx.guest)}`;
  const stop = statuses.find(
    (s) => !['start', 'put', 'staged', 'left', 'undone', 'aborted'].includes(s.word),
  );
  if (!statuses.some((s) => s.word === 'start')) {
    if (/syntax error|unexpected end of file|Syntax error|end of file unexpected/.test(stderr))
      return new ToolError(
        `the writer reached ${guest} incomplete, so nothing was run there: run again`,
      );
    const line = stderr.split(/\r?\n/).find((l) => l.trim());
    return new ToolError(
      `${guest} could not run the writer with sh${line ? `: ${printable(line)}` : ''}; nothing was written`,
    );
  }
  const [a, b] = stop?.args ?? [];
  switch (stop?.word) {
    case 'lock-held': {
      const pid = b && b !== '-' ? `pid ${printable(b)}` : 'no pid';
      const from = stop.args.slice(2).join(' ');
      const owner = `${pid}${from ? `, ${printable(from)}` : ''}`;
      const lock = `${ctx.dir}/${ctx.lock}`;
      return a === 'alive'
        ? new ToolError(
            `another run is writing in ${ctx.dir} on ${guest} (${owner}): wait for it to finish, then run again`,
          )
        : new ToolError(
            `${lock} on ${guest} was left by a run that is gone (${owner}): if no fix-clock-drift run is going on there, remove it (rm -f ${lock}) and run again`,
          );
    }
    case 'exists':
      return new ToolError(
        `refusing to replace ${at(ctx, a)} on ${guest}: it already exists (move it away, or give --force)`,
      );
    case 'notfile': {
      const what =
        b === 'symlink'
          ? 'a symbolic link'
          : b === 'directory'
            ? 'a directory'
            : 'not a regular file';
      return new ToolError(
        `refusing to write ${at(ctx, a)} on ${guest}: it is ${what} (remove it, or write the files here with --output and --diff)`,
      );
    }
    case 'changed':
      return new ToolError(
        `${at(ctx, a, ctx.expectNames)} on ${guest} has changed since it was read (${b === 'different' ? 'other content' : b === 'missing' ? 'it is gone' : 'it appeared'}): run again to decide from what is there now${outcome}`,
      );
    case 'error': {
      const message = stop.args.slice(2).join(' ');
      if (a === 'dir')
        return new ToolError(
          `cannot write into ${ctx.dir} on ${guest}: no such directory${outcome}`,
        );
      if (a === 'check')
        return new ToolError(
          `${at(ctx, b)} on ${guest} did not read back as sent (${printable(message)}): check the guest's disk${outcome}`,
        );
      const target = a === 'lock' ? `into ${ctx.dir}` : at(ctx, b);
      return new ToolError(
        `cannot write ${target} on ${guest}: ${systemReason(message)}${outcome}`,
      );
    }
  }
  const aborted = statuses.find((s) => s.word === 'aborted');
  if (aborted)
    return new ToolError(
      `the writer on ${guest} was stopped (${printable(aborted.rest)})${outcome}`,
    );
  const line = stderr.split(/\r?\n/).find((l) => l.trim());
  return new ToolError(
    `the writer on ${guest} stopped without saying why${line ? ` (${printable(line)})` : ''}: check ${ctx.dir} there`,
  );
}
