import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWriterScript } from '../../src/remote/write-script.js';
import { writerContext } from '../../src/fleet/writer-context.js';
import { collect, removeTemps, setup, type Setup } from '../collector/helpers.js';
import { CLI, copySample, runCli, tempDir } from '../helpers/cli.js';

// The role's controller side, run as the role runs it: what the guest printed
// on stdin, the results in files of the reports directory.
function step(args: string[], input: string | Buffer = '') {
  return runCli(['fleet-step', ...args], { input });
}

const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

let s: Setup;
let bundle: Buffer;
beforeAll(async () => {
  s = await setup();
  const out = collect(s, ['dash'], copySample('rhel5.4-i686-nokvmclock').root);
  expect(out.status).toBe(0);
  bundle = out.stdout;
});
afterAll(removeTemps);

describe('fleet-step start', () => {
  it('makes the directory, lists the guests, puts the collector, removes what a run before left', () => {
    const dir = path.join(tempDir('fcd-step-'), 'reports');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'web1.write.json'), '{}');
    writeFileSync(path.join(dir, 'other.write.json'), '{}');
    const r = step(['start', dir], 'web1\n10.0.0.5\r\n\nweb1\n');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ dir, guests: 2 });
    expect(readFileSync(path.join(dir, 'guests.list'), 'utf8')).toBe('web1\n10.0.0.5\n');
    const shipped = spawnSync(process.execPath, [CLI, 'collector']).stdout.toString();
    expect(readFileSync(path.join(dir, 'collector.sh'), 'utf8')).toBe(shipped);
    expect(statSync(path.join(dir, 'collector.sh')).mode & 0o777).toBe(0o600);
    // Only this run's guests are cleared.
    expect(readdirSync(dir).sort()).toEqual(['collector.sh', 'guests.list', 'other.write.json']);
  });

  it('refuses a guest name that cannot name a file, before writing anything', () => {
    const dir = path.join(tempDir('fcd-step-'), 'reports');
    const r = step(['start', dir], 'web1\n../etc/passwd\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: guest name "\.\.\/etc\/passwd" cannot name a report file/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});

describe('fleet-step decide', () => {
  const dir = tempDir('fcd-step-');
  beforeAll(() => step(['start', dir], 'g1\ng2\ng3\n'));

  it('saves the bundle and the decide report, emits the writer, and says the guest needs it', () => {
    // Under ssh -tt the bundle arrives with CRLF and a banner around it.
    const text = `Welcome\r\n${bundle.toString('latin1').replace(/\n/g, '\r\n')}`;
    const r = step(['decide', dir, 'g1', '--status=0', '--', '--entries', 'default'], text);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      guest: 'g1',
      phase: 'decide',
      outcome: 'script',
      changed: true,
      report: path.join(dir, 'g1.decide.json'),
    });
    expect(readFileSync(path.join(dir, 'g1.facts'), 'latin1')).toBe(text);
    const report = json(path.join(dir, 'g1.decide.json'));
    expect(report).toMatchObject({
      outcome: 'script',
      script: path.join(dir, 'g1.write.sh'),
      // lpj from the live dmesg the collector's fake prints, as on a running guest.
      params: ['clocksource=acpi_pm', 'lpj=2393737'],
      output: '/boot/grub/grub.conf.kvm',
    });
    // The flags after -- reached the decision: only the default entry is edited.
    expect(report.entries.filter((e: { changed: boolean }) => e.changed)).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'g1.write.sh'), 'latin1')).toMatch(
      /^\{\nFCDW_DIR='\/boot\/grub'/,
    );
  });

  it('records an unreachable guest and fails it with one line', () => {
    const r = step(['decide', dir, 'g2', '--status=', '--unreachable=Failed to connect: refused']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('fix-clock-drift: guest g2 is unreachable: Failed to connect: refused\n');
    expect(json(path.join(dir, 'g2.collect.json'))).toMatchObject({
      phase: 'collect',
      guest: 'g2',
      outcome: 'unreachable',
      exitCode: 1,
    });
    expect(existsSync(path.join(dir, 'g2.facts'))).toBe(false);
  });

  it('records a guest that printed no bundle, with its first line and exit status', () => {
    const r = step(['decide', dir, 'g3', '--status=127'], 'sh: collector: not found\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: guest g3 printed no facts bundle \(exit status 127\): sh: collector: not found; /,
    );
    expect(json(path.join(dir, 'g3.collect.json')).outcome).toBe('error');
  });

  it('saves the error report of a bundle the tool refuses', () => {
    const cut = bundle.toString('latin1').slice(0, 2000);
    const r = step(['decide', dir, 'g3', '--status=0'], cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: guest g3: bundle \S+g3\.facts: truncated after record \d+, in record \d+ \(no end marker\): collect it again$/m,
    );
    expect(json(path.join(dir, 'g3.decide.json'))).toMatchObject({ exitCode: 1 });
  });

  it('needs an action, a directory and a guest', () => {
    expect(step(['decide', dir]).code).toBe(2);
    expect(step(['frobnicate', dir, 'g1']).code).toBe(2);
    expect(step(['decide', dir, 'a/b']).code).toBe(2);
    expect(step(['decide', dir, 'g1', '--status=x'], bundle).code).toBe(2);
  });
});

describe('fleet-step write', () => {
  const dir = tempDir('fcd-step-');
  beforeAll(() => {
    step(['start', dir], 'g1\n');
    expect(step(['decide', dir, 'g1', '--status=0'], bundle).code).toBe(0);
  });
  const out = (lines: string[], eol = '\n') => lines.map((l) => `${l}${eol}`).join('');

  it('records a writer that finished: the files it put there', () => {
    const said = out(
      [
        'FCDW start 1 42',
        'FCDW staged',
        'FCDW put 1 new',
        'FCDW put 2 new',
        'FCDW placed',
        'FCDW done',
      ],
      '\r\n',
    );
    const r = step(['write', dir, 'g1', '--status=0'], `motd\r\n${said}`);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'written', changed: true });
    expect(json(path.join(dir, 'g1.write.json'))).toMatchObject({
      phase: 'write',
      outcome: 'written',
      written: ['/boot/grub/grub.conf.kvm', '/boot/grub/grub.conf.kvm.diff'],
      status: [
        'FCDW start 1 42',
        'FCDW staged',
        'FCDW put 1 new',
        'FCDW put 2 new',
        'FCDW placed',
        'FCDW done',
      ],
    });
  });

  it.each([
    [
      ['FCDW start 1 42', 'FCDW exists 1', 'FCDW undone'],
      'refusing to replace /boot/grub/grub.conf.kvm on guest g1: it already exists (move it away, or give --force)',
    ],
    [
      ['FCDW start 1 42', 'FCDW changed 1 different', 'FCDW undone'],
      '/boot/grub/grub.conf on guest g1 has changed since it was read (other content): run again to decide from what is there now; nothing was written',
    ],
    [
      [
        'FCDW start 1 42',
        "FCDW error write 1 sh: can't create /boot/grub/.grub.conf.kvm.42.tmp: Read-only file system",
        'FCDW undone',
      ],
      'cannot write /boot/grub/grub.conf.kvm on guest g1: read-only file system (make it writable on the guest, e.g. mount -o remount,rw /boot, or write the files here with --output and --diff and copy them yourself); nothing was written',
    ],
  ])('records a refusal in the words --ssh uses: %j', (lines, message) => {
    const r = step(['write', dir, 'g1', '--status=1'], out(lines));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`fix-clock-drift: ${message}\n`);
    expect(json(path.join(dir, 'g1.write.json'))).toMatchObject({
      outcome: 'error',
      error: message,
    });
  });

  it('records a guest lost during the write', () => {
    const r = step(['write', dir, 'g1', '--status=', '--unreachable=Connection closed']);
    expect(r.code).toBe(1);
    expect(json(path.join(dir, 'g1.write.json'))).toMatchObject({ outcome: 'unreachable' });
    expect(r.stderr).toMatch(/could not be reached for the write \(Connection closed\)/);
  });

  it('needs the writer its decide step emitted', () => {
    const r = step(['write', dir, 'nobody', '--status=0'], 'FCDW done\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fix-clock-drift: cannot read \S+nobody\.write\.sh: no such file or directory/,
    );
  });
});

describe('writerContext', () => {
  it('reads back what buildWriterScript was asked, as write-status.ts names things', () => {
    const script = buildWriterScript({
      dir: '/boot/grub/',
      files: [
        { name: 'grub.conf.kvm', bytes: Buffer.from("it's 100%\n") },
        { name: 'grub.conf.kvm.diff', bytes: Buffer.from('') },
      ],
      mode: 0o600,
      uid: 0,
      gid: 0,
      force: false,
      expect: [{ name: 'grub.conf', bytes: Buffer.from('x') }],
      who: "someone's run at 12:00",
    });
    expect(writerContext(script, 'g')).toEqual({
      guest: 'g',
      dir: '/boot/grub',
      names: ['grub.conf.kvm', 'grub.conf.kvm.diff'],
      expectNames: ['grub.conf'],
      lock: '.grub.conf.kvm.lock',
    });
    expect(writerContext('echo hello\n', 'g')).toBeUndefined();
  });
});
