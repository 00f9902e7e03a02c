// The SSH case of `npm run bench`: against a loopback sshd, a whole
// `--ssh --yes` run (connect, collect, decide, write on the guest) next to
// one bare `ssh host true` in the same run, and the size of the collector's
// output on every sample guest.
//
// The sshd and its fake guests are the test harness's own
// (__tests__/helpers/sshd.ts: 127.0.0.1 only, its own keys and config, each
// guest a chroot whose only shell is busybox), bundled by esbuild as the
// stages are, so the bench measures what the tests run against.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadTestHelpers } from './bundle.mjs';
import { measureCases } from './measure.mjs';
import { fmtMs, fmtX, table } from './report.mjs';

/** The guest the timed runs write on: RHEL 5.4 i686 without kvm-clock needs parameters. */
const TIMED = {
  alias: 'bench',
  sample: 'rhel5.4-i686-nokvmclock',
  uname: { r: '2.6.18-164.el5', m: 'i686', n: 'bench' },
};

/** The Linux samples, each a guest whose collector output is measured. */
const SAMPLES = [
  'centos6-x86_64',
  'rhel3.9-i686',
  'rhel4.8-i686',
  'rhel5.3-i686-crlf',
  'rhel5.4-i686-nokvmclock',
  'rhel5.4-x86_64',
  'rhel5.4-x86_64-disk',
];

/** The bounds: the whole run at most 3× a bare ssh, a bundle under 64 KiB. */
export const SSH_LIMIT = 3;
export const BUNDLE_LIMIT = 64 * 1024;

/** Why the SSH case cannot run here, or undefined when it can. */
export function sshUnavailable() {
  if (process.getuid?.() !== 0) return 'needs root (the fake guests are chroots)';
  if (!existsSync('/usr/sbin/sshd')) return 'no /usr/sbin/sshd (Debian: openssh-server)';
  if (spawnSync('ssh', ['-V'], { stdio: 'ignore' }).error) return 'no ssh (openssh-client)';
  if (spawnSync('busybox', ['true'], { stdio: 'ignore' }).error) return 'no busybox';
  return undefined;
}

/** The harness, bundled into tmp; its paths (samples/) stay those of the repository. */
function loadHarness(repo, tmp) {
  return loadTestHelpers(repo, path.join(tmp, 'bench-sshd.mjs'), {
    entryPoints: [path.join(repo, '__tests__', 'helpers', 'sshd.ts')],
  });
}

/** Bytes and lines the collector prints on each sample guest, run as --ssh runs it (`sh -s`, script on stdin). */
function collectorSizes(sshd, cli) {
  const script = spawnSync(cli, ['collector'], { encoding: 'latin1' }).stdout;
  return SAMPLES.map((sample) => {
    const r = spawnSync('ssh', ['-F', sshd.config, '-o', 'BatchMode=yes', sample, 'sh -s'], {
      input: script,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`collector on ${sample}: exit ${r.status}: ${r.stderr}`);
    const text = r.stdout.toString('latin1');
    return { sample, bytes: r.stdout.length, lines: text.split('\n').length - 1 };
  });
}

/**
 * Starts the harness's sshd with the timed guest and one guest per sample,
 * measures, and stops it. Returns metrics (ssh.* and ratio.ssh), the
 * collector sizes, and the targets they meet or miss.
 */
export async function measureSsh(repo, tmp, cli, runs) {
  const { startSshd } = await loadHarness(repo, tmp);
  const guests = [
    { ...TIMED, shell: 'busybox' },
    ...SAMPLES.map((sample) => {
      // Its boot log as the running kernel's dmesg: the collector keeps the lines detection uses.
      const log = path.join(repo, 'samples', sample, 'var', 'log', 'dmesg');
      const dmesg = existsSync(log) ? readFileSync(log) : '';
      return { alias: sample, sample, shell: 'busybox', uname: { n: sample }, dmesg };
    }),
  ];
  const sshd = await startSshd({ guests });
  try {
    const guest = sshd.guest(TIMED.alias);
    const grub = path.join(guest.root, 'boot', 'grub');
    const cases = [
      {
        id: 'ssh.baseline.true',
        runs,
        memory: false,
        command: () => ({
          cmd: 'ssh',
          args: ['-F', sshd.config, '-o', 'BatchMode=yes', TIMED.alias, 'true'],
        }),
      },
      {
        id: 'ssh.cli.yes',
        runs,
        memory: false,
        // The pair is removed after each run (not timed), so every run writes anew.
        command: () => ({
          cmd: cli,
          args: ['--ssh', TIMED.alias, '--ssh-command', guest.sshCommand, '--yes'],
          cleanup: () => {
            for (const f of ['grub.conf.kvm', 'grub.conf.kvm.diff'])
              rmSync(path.join(grub, f), { force: true });
          },
        }),
      },
    ];
    const metrics = measureCases(cases, undefined, 'ssh');
    const ratio = metrics['ssh.cli.yes.wall'].median / metrics['ssh.baseline.true.wall'].median;
    metrics['ratio.ssh'] = { median: ratio, runs: 1 };
    const sizes = collectorSizes(sshd, cli);
    const largest = Math.max(...sizes.map((s) => s.bytes));
    const targets = [
      {
        id: 'ssh',
        label: `--ssh --yes run ≤ ${SSH_LIMIT} × bare ssh host true`,
        value: ratio,
        limit: SSH_LIMIT,
        unit: '×',
        pass: ratio <= SSH_LIMIT,
      },
      {
        id: 'bundle',
        label: 'collector output < 64 KiB on every sample (largest)',
        value: largest / 1024,
        limit: 64,
        unit: 'KiB',
        pass: largest < BUNDLE_LIMIT,
      },
    ];
    return { metrics, sizes, targets };
  } finally {
    await sshd.stop();
  }
}

/** The SSH section of the report. */
export function formatSsh(r) {
  if (r.ssh.skipped) return `SSH: not measured (${r.ssh.skipped})`;
  const m = r.metrics;
  const spread = (x) => `${fmtMs(x.median)} [${fmtMs(x.min)} – ${fmtMs(x.max)}]`;
  const int = (n) => n.toLocaleString('en-US');
  return [
    'SSH: a loopback sshd (the test harness), one fake guest per sample, busybox its only shell',
    table(
      ['command', 'wall ms'],
      [
        ['ssh -F cfg bench true (one handshake, nothing run)', spread(m['ssh.baseline.true.wall'])],
        [
          'CLI --ssh bench --ssh-command "ssh -F cfg" --yes (collect, decide, write)',
          spread(m['ssh.cli.yes.wall']),
        ],
        ['ratio of medians', fmtX(m['ratio.ssh'].median)],
      ],
    ),
    '',
    'Collector output (the facts bundle) on each sample guest, as --ssh runs it',
    table(
      ['sample', 'bytes', 'KiB', 'lines'],
      r.ssh.sizes.map((s) => [s.sample, int(s.bytes), (s.bytes / 1024).toFixed(1), int(s.lines)]),
    ),
  ].join('\n');
}
