import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyWithPatch, CLI, SAMPLES, tempDir } from '../helpers/cli.js';

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('runs started together on the same guest', () => {
  it.each([[[]], [['--force']]])(
    'leave exactly one consistent pair and no temp or lock file (%j)',
    async (extra) => {
      for (let round = 0; round < 5; round++) {
        const dir = tempDir();
        const conf = path.join(dir, 'grub.conf');
        copyFileSync(path.join(SAMPLES, 'rhel4.8-i686/boot/grub/grub.conf'), conf);
        const args = ['--release', '4.8', '--arch', 'i686', '--grub-conf', conf, ...extra];
        const results = await Promise.all(Array.from({ length: 6 }, () => run(args)));
        for (const r of results) {
          if (r.code !== 0) {
            expect(r.code).toBe(1);
            expect(r.stderr).toMatch(
              /another fix-clock-drift run|refusing to replace|appeared while writing/,
            );
          }
        }
        expect(results.some((r) => r.code === 0)).toBe(true);
        expect(readdirSync(dir).sort()).toEqual([
          'grub.conf',
          'grub.conf.kvm',
          'grub.conf.kvm.diff',
        ]);
        expect(applyWithPatch(conf, `${conf}.kvm.diff`)).toEqual(readFileSync(`${conf}.kvm`));
      }
    },
    60_000,
  );
});
