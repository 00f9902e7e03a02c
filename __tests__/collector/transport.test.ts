import { ToolError } from '../../src/shared/errors.js';
import { parseBundle, type Bundle } from '../../src/facts/sources/bundle.js';
import { SHELLS, collect, removeTemps, sampleCopy, setup, type Setup } from './helpers.js';

// What a bundle meets between the guest and --facts: a pty, banners, copy-paste, a cut connection.
let s: Setup;
let root: string;
let text: string;
let clean: Bundle;
beforeAll(async () => {
  s = await setup();
  root = await sampleCopy('rhel4.8-i686');
  const out = collect(s, ['dash'], root);
  text = out.stdout.toString('latin1');
  clean = parseBundle(text, 'guest.facts');
});
afterAll(removeTemps);

function refusal(input: string): string {
  try {
    parseBundle(input, 'guest.facts');
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith('bundle guest.facts: ')).toBe(true);
    return message;
  }
  throw new Error('the bundle was accepted');
}

const lines = (): string[] => text.split('\n');

describe('a bundle on its way from the guest', () => {
  test('holds records of every kind the sample gives', () => {
    const kinds = new Set(clean.records.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['cmd', 'dir', 'exists', 'file', 'grub', 'link', 'missing']);
  });

  test('through a pty (CRLF) with ssh noise around it and blanks on its lines reads the same', () => {
    const noisy = [
      "Warning: Permanently added '[127.0.0.1]:2222' (RSA) to the list of known hosts.",
      'Authorized uses only. All activity may be monitored and reported.',
      '[root@guest ~]# sh collector.sh',
      ...lines().map((l, i) => (i % 3 === 0 ? `  ${l}  ` : i % 3 === 1 ? `${l}\t` : l)),
      '',
      '[root@guest ~]# logout',
      'Connection to 127.0.0.1 closed.',
    ].join('\r\n');
    expect(parseBundle(noisy, 'guest.facts')).toEqual(clean);
    // A pty that turns an already converted CRLF into CR CR LF.
    expect(parseBundle(text.replace(/\n/g, '\r\r\n'), 'guest.facts')).toEqual(clean);
    // Copy-paste that doubles line breaks.
    expect(parseBundle(text.replace(/\n/g, '\n\n'), 'guest.facts')).toEqual(clean);
  });

  test.each([0.05, 0.2, 0.33, 0.5, 0.77, 0.99])('cut at %f of its length is refused', (at) => {
    const cut = text.slice(0, Math.floor(text.length * at));
    expect(refusal(cut)).toMatch(/truncated (?:after|before) (?:record \d+|its first record)/);
  });

  test('cut exactly after a record, or inside its end line, is refused', () => {
    const all = lines();
    const end = all.findIndex((l) => l.startsWith('-----END'));
    const afterRecord = all.slice(0, end).join('\n') + '\n';
    expect(refusal(afterRecord)).toMatch(
      /^bundle guest\.facts: truncated after record \d+ \(no end marker\): collect it again$/,
    );
    expect(refusal(afterRecord + all[end]!.slice(0, 20))).toMatch(
      /truncated after record \d+ \(its last line is cut/,
    );
    const closeLine = all.findIndex((l) => /^\.\d+ size=[1-9]/.test(l));
    expect(
      refusal(all.slice(0, closeLine).join('\n') + '\n' + all[closeLine]!.slice(0, 5)),
    ).toMatch(/truncated|ends with/);
  });

  test('a flipped hex digit in a data line fails the checksum', () => {
    const all = lines();
    const i = all.findIndex((l, k) => k > 5 && /^[0-9a-f]{32}$/.test(l));
    const flipped = all[i]!.slice(0, 7) + (all[i]![7] === '0' ? '1' : '0') + all[i]!.slice(8);
    all[i] = flipped;
    expect(refusal(all.join('\n'))).toMatch(
      /^bundle guest\.facts: record \d+ \(.+\) fails its checksum .*: it was altered on the way; collect it again$/,
    );
  });

  test('a changed path, size or count is refused', () => {
    const path = text.replace('p /etc/redhat-release', 'p /etc/redhat-relaase');
    expect(path).not.toBe(text);
    expect(refusal(path)).toMatch(/fails its checksum/);
    const all = lines();
    const dataLine = all.findIndex((l, k) => k > 5 && /^[0-9a-f]{32}$/.test(l));
    expect(refusal([...all.slice(0, dataLine), ...all.slice(dataLine + 1)].join('\n'))).toMatch(
      /holds \d+ bytes where its end line says \d+: lines were lost or damaged/,
    );
    expect(
      refusal(
        text.replace(/FACTS (\d+) RECORDS/, (_, n: string) => `FACTS ${Number(n) + 1} RECORDS`),
      ),
    ).toMatch(/records were lost on the way/);
    const second = all.findIndex((l) => l.startsWith('@5 '));
    const third = all.findIndex((l) => l.startsWith('@6 '));
    expect(refusal([...all.slice(0, second), ...all.slice(third)].join('\n'))).toMatch(
      /record 6 follows record 4/,
    );
  });

  test("a line that is not the bundle's inside it is refused, with its line number", () => {
    const all = lines();
    const inRecord = all.findIndex((l) => /^[0-9a-f]{32}$/.test(l));
    const kernelNoise = [...all];
    kernelNoise.splice(inRecord + 1, 0, '[ 1234.5678] eth0: link up');
    expect(refusal(kernelNoise.join('\n'))).toMatch(
      new RegExp(
        `^bundle guest\\.facts: line ${inRecord + 2}: "\\[ 1234\\.5678\\] eth0: link up" inside record \\d+ \\(/etc/redhat-release\\) is not part of a bundle: collect it again$`,
      ),
    );
    const between = [...all];
    between.splice(1, 0, 'e1000: eth0 NIC Link is Up');
    expect(refusal(between.join('\n'))).toMatch(
      /^bundle guest\.facts: line 2: "e1000: eth0 NIC Link is Up" where record 1 or the end line should start: collect it again$/,
    );
  });

  test('text with no bundle in it says what to give', () => {
    expect(refusal('Permission denied (publickey).\n')).toMatch(
      /no facts bundle in it .* give the output of `fix-clock-drift collector`/,
    );
    expect(refusal('')).toMatch(/no facts bundle in it/);
  });
});

describe.each(SHELLS)('the collector under $name', (shell) => {
  test('read from stdin, as ssh sends it, prints the bundle it prints from a file', () => {
    const fromFile = collect(s, shell.argv, root);
    const fromStdin = collect(s, shell.argv, root, 'stdin');
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout.toString('latin1')).toBe(fromFile.stdout.toString('latin1'));
    expect(
      parseBundle(fromStdin.stdout.toString('latin1'), 'stdin').records.length,
    ).toBeGreaterThan(40);
  });
});
