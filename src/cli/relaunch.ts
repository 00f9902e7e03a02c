import { promises as fsp } from 'node:fs';
import { locateGrubConf } from '../grub/locate.js';
import { STOP_SIGNALS, signalExitCode } from '../shared/errors.js';
import { MAX_INPUT_BYTES } from '../shared/input.js';

/**
 * V8's default young generation lets a machine-generated grub.conf of tens
 * of thousands of entries push peak memory past 150 MB; a 2 MB one keeps
 * 20,000 entries near 130 MB at the same speed. But any V8 flag on the
 * command line costs every start about 10 ms, and most configs are a few
 * KB. So only a run whose config is large re-executes itself with the flag.
 */
const LARGE_INPUT = 2 * 1024 * 1024;
const YOUNG_GENERATION = '--max-semi-space-size=2';

async function sizeOf(file: string): Promise<number> {
  return fsp.stat(file).then(
    (st) => (st.isFile() ? st.size : 0),
    () => 0,
  );
}

/** The child's exit code, or undefined when this process should do the work itself. */
export async function relaunchForLargeInput(
  input: string | undefined,
): Promise<number | undefined> {
  if (input === undefined || process.execArgv.includes(YOUNG_GENERATION)) return undefined;
  const size = await sizeOf(input);
  // Too large is refused by the reader: no point starting another process for that.
  if (size < LARGE_INPUT || size > MAX_INPUT_BYTES) return undefined;
  const script = process.argv[1] as string;
  // Loaded only here: child_process costs a few ms that small runs need not pay.
  const { spawn } = await import('node:child_process');
  // Signals are passed on, and the child cleans up and says so; this process
  // only waits for it. (A terminal's Ctrl-C reaches both: the child exits on
  // the first.) Listened for before the child starts: a signal between the
  // two would end this process and leave the child running. (A handler runs
  // from the event loop, so never before `child` below is set.)
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, forward);
  const child = spawn(
    process.execPath,
    [...process.execArgv, YOUNG_GENERATION, script, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  return new Promise((resolve) => {
    child.on('error', () => resolve(undefined));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? signalExitCode(signal) : 128)));
  });
}

/**
 * The value of `flag` in argv (`--flag V` or `--flag=V`), read before
 * commander is loaded; given twice, the last one, as commander takes it.
 */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === flag) value = argv[++i];
    else if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
  }
  return value;
}

/**
 * The config a run will read, found from argv the way locateGrubConf finds
 * it, before commander and the rest are loaded: the point is to decide
 * before paying for them. Undefined when the run reads no grub.conf.
 */
export async function inputFromArgv(argv: readonly string[]): Promise<string | undefined> {
  if (argv[0] === 'host-check') return undefined;
  // A guest's config read from its bundle or over SSH is never the large local file this is for.
  for (const flag of ['--boot-ini', '--facts', '--ssh'])
    if (flagValue(argv, flag) !== undefined) return undefined;
  const root = flagValue(argv, '--root') ?? '/';
  return locateGrubConf(root, flagValue(argv, '--grub-conf')).catch(() => undefined);
}
