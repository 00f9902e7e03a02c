import { execFileSync } from 'node:child_process';
import { ToolError } from '../../src/shared/errors.js';
import { parseGuestTime } from '../../src/drift/guest-time.js';
import { GUEST_DATE_COMMAND } from '../../src/drift/probe.js';

const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });

/** What this machine's shell prints for the guest command with `date` being `argv0`. */
function realDate(argv: string[]): string {
  const format = GUEST_DATE_COMMAND.split(' ')[1]!;
  return execFileSync(argv[0]!, [...argv.slice(1), format], { encoding: 'utf8' });
}

describe('parseGuestTime', () => {
  it('reads GNU date with %N: nanoseconds', () => {
    expect(parseGuestTime(ok('1700000000.123456789\n'), 'g')).toEqual({
      seconds: 1700000000,
      fraction: 0.123456789,
      resolution: 1e-9,
    });
  });

  it("reads this machine's GNU date, and it agrees with the workstation's clock", () => {
    const before = Date.now() / 1000;
    const r = parseGuestTime(ok(realDate(['date'])), 'g');
    const after = Date.now() / 1000;
    expect(r.resolution).toBe(1e-9);
    expect(r.seconds + r.fraction).toBeGreaterThanOrEqual(Math.floor(before));
    expect(r.seconds + r.fraction).toBeLessThanOrEqual(after + 0.001);
  });

  it("reads busybox's date, which prints %N as it is: whole seconds", () => {
    const printed = realDate(['busybox', 'date']);
    expect(printed).toMatch(/^\d+\.%N\n$/);
    const r = parseGuestTime(ok(printed), 'g');
    expect(r).toMatchObject({ fraction: 0, resolution: 1 });
    expect(Math.abs(r.seconds - Date.now() / 1000)).toBeLessThan(2);
  });

  it('reads the other spellings of a date without %N: "N" (BSD strftime) and nothing', () => {
    for (const text of ['1700000000.N\n', '1700000000.\n', '1700000000.%N\r\n']) {
      expect(parseGuestTime(ok(text), 'g')).toEqual({
        seconds: 1700000000,
        fraction: 0,
        resolution: 1,
      });
    }
  });

  it('takes fewer digits at their own resolution', () => {
    expect(parseGuestTime(ok('1700000000.123'), 'g')).toEqual({
      seconds: 1700000000,
      fraction: 0.123,
      resolution: 1e-3,
    });
  });

  it('takes the last line, past a banner from the shell start-up files, and CRLF from a tty', () => {
    const r = parseGuestTime(ok('Welcome to rhel3\r\n\r\n1700000000.000000001\r\n'), 'g');
    expect(r).toEqual({ seconds: 1700000000, fraction: 1e-9, resolution: 1e-9 });
  });

  it('refuses anything else in one line naming the guest, with the text made printable', () => {
    const cases: [string, RegExp][] = [
      [
        'Fri Dec  1 11:00:00 UTC 2026\n',
        /^root@g: "date \+%s\.%N" printed "Fri Dec {2}1 .*": expected seconds/,
      ],
      ['%s.%N\n', /does not know %s/],
      ['', /printed "nothing"/],
      ['17000\x1b[2J00000.5\n', /printed "17000\?\[2J00000\.5"/],
      ['-5.000000000\n', /expected seconds since the epoch/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseGuestTime(ok(text), 'root@g');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ToolError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuses a failed date with its exit status and first words', () => {
    expect(() =>
      parseGuestTime({ code: 127, stdout: '', stderr: 'sh: date: command not found\n' }, 'g'),
    ).toThrow(/^g: "date \+%s\.%N" failed with exit status 127: sh: date: command not found/);
  });
});
