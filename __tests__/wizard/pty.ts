import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/** How long one step (one awaited output) may take on a loaded machine. */
export const STEP_MS = 15_000;

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
  ctrlU: '\x15',
  ctrlC: '\x03',
  esc: '\x1b',
  space: ' ',
  up: '\x1b[A',
  down: '\x1b[B',
} as const;

/** Quotes a word for sh -c. */
export function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A command run on a pseudo-terminal by util-linux script(1): `-q` quiet,
 * `-f` flush, `-e` exit with the child's code, `-c` the command. Our stdin
 * pipe is forwarded to the pty, so what is written here is typed there.
 */
export class PtySession {
  /** Everything printed so far, escapes stripped (and carriage returns dropped). */
  text = '';
  private pending = '';
  private cursor = 0;
  private exited: Exit | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly child;
  readonly done: Promise<Exit>;

  constructor(command: string, opts: { cwd?: string; env?: Record<string, string> } = {}) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: opts.cwd,
      // A real terminal type: readline disables line editing under TERM=dumb.
      env: { ...process.env, TERM: 'xterm-256color', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.setEncoding('utf8');
    this.child.stdout.on('data', (s: string) => this.add(s));
    this.child.stderr.on('data', (s: string) => this.add(s));
    // EPIPE when the child is gone before a key arrives: the step waiting then reports it.
    this.child.stdin.on('error', () => undefined);
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code, signal) => {
        this.exited = { code, signal };
        this.notify();
        resolve(this.exited);
      });
    });
  }

  private add(chunk: string): void {
    // Hold back an escape sequence cut by the chunk boundary until its end arrives.
    const s = this.pending + chunk;
    // eslint-disable-next-line no-control-regex -- an escape sequence is what is looked for
    const cut = /\x1b(\[[\d;?]*)?$/.exec(s);
    const ready = cut ? s.slice(0, cut.index) : s;
    this.pending = cut ? s.slice(cut.index) : '';
    this.text += stripVTControlCharacters(ready).replace(/\r/g, '');
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** The output printed after the last match, for error messages. */
  private tail(): string {
    return this.text.slice(Math.max(0, this.cursor - 200));
  }

  /**
   * Waits until re matches the output after the previous match, and moves
   * past it. Fails (and kills the child) after STEP_MS, or when the child
   * exits first.
   */
  waitFor(re: RegExp, what = String(re)): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const m = re.exec(this.text.slice(this.cursor));
        if (m) {
          finish();
          this.cursor += m.index + m[0].length;
          resolve(m);
        } else if (this.exited) {
          finish();
          reject(
            new Error(
              `exited (${JSON.stringify(this.exited)}) before ${what} appeared; after the last step:\n${this.tail()}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        this.kill();
        reject(
          new Error(
            `timed out after ${STEP_MS} ms waiting for ${what}; after the last step:\n${this.tail()}`,
          ),
        );
      }, STEP_MS);
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Types keys into the terminal. */
  send(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits for a prompt, then types. */
  async answer(prompt: RegExp, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.send(keys);
  }

  /** Waits for the child to exit (killing it after ms) and closes our end. */
  async exit(ms = STEP_MS): Promise<Exit> {
    const timer = setTimeout(() => this.kill(), ms);
    try {
      return await this.done;
    } finally {
      clearTimeout(timer);
      this.child.stdin.end();
    }
  }

  kill(): void {
    if (this.exited === undefined) this.child.kill('SIGKILL');
  }
}

/** Runs a command on a pseudo-terminal; see PtySession. */
export function onPty(
  command: string,
  opts: { cwd?: string; env?: Record<string, string> } = {},
): PtySession {
  return new PtySession(command, opts);
}
