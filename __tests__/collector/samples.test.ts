import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBundle } from '../../src/facts/sources/bundle.js';
import { unpackBundle } from '../../src/facts/sources/unpack.js';
import { defaultKernel, expectFilesMatch, expectSameHeadReads, factsOf } from './compare.js';
import {
  FAKE_DMESG,
  FAKE_MACHINE,
  FAKE_RELEASE,
  LINUX_SAMPLES,
  SHELLS,
  collect,
  removeTemps,
  sampleCopy,
  setup,
  type Setup,
} from './helpers.js';

/** The bound on a sample's bundle (bytes of output). */
const MAX_BUNDLE_BYTES = 64 * 1024;

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(removeTemps);

describe.each(SHELLS)('the collector under $name', (shell) => {
  test.each(LINUX_SAMPLES)(
    '%s: a bundle under 64 KiB that unpacks to the same files and facts',
    async (sample) => {
      const root = await sampleCopy(sample);
      const out = collect(s, shell.argv, root);
      expect(out.status).toBe(0);
      // The collector silences its own stderr, so nothing can mix into the bundle under ssh -tt.
      expect(out.stderr).toBe('');
      expect(out.stdout.length).toBeLessThan(MAX_BUNDLE_BYTES);
      expect(out.stdout.every((b) => b < 0x80)).toBe(true);
      expect(
        Math.max(
          ...out.stdout
            .toString('latin1')
            .split('\n')
            .map((l) => l.length),
        ),
      ).toBeLessThanOrEqual(72);

      const bundle = parseBundle(out.stdout.toString('latin1'), `${sample}.facts`);
      expect(bundle.format).toBe(1);
      expect(bundle.collector).toBe('dev');
      const un = await unpackBundle(bundle);
      try {
        expect((await stat(un.root)).mode & 0o777).toBe(0o700);
        expect(
          un.root.startsWith(await import('node:fs/promises').then((f) => f.realpath(os.tmpdir()))),
        ).toBe(true);
        expect(await expectFilesMatch(root, bundle, un.root)).toBeGreaterThan(5);
        await expectSameHeadReads(root, un.root);
        expect(await factsOf(un.root)).toEqual(await factsOf(root));
        const kernel = await defaultKernel(root);
        expect(kernel).toBeDefined();
        expect(await factsOf(un.root, kernel)).toEqual(await factsOf(root, kernel));

        const conf = await stat(path.join(root, 'boot/grub/grub.conf'));
        expect(un.boot).toEqual({
          configPath: '/boot/grub/grub.conf',
          realPath: '/boot/grub/grub.conf',
          mode: conf.mode & 0o777,
          uid: conf.uid,
          gid: conf.gid,
        });
        expect(un.unreadable).toEqual([]);
        if (shell.fakes) {
          expect(un.live.kernelRelease).toBe(FAKE_RELEASE);
          expect(un.live.machine).toBe(FAKE_MACHINE);
          // Only the lines detection uses travel: not "eth0: link up", not the fake's stderr.
          expect(un.live.dmesg).toBe([0, 2, 4].map((i) => `${FAKE_DMESG[i]}\n`).join(''));
        } else {
          // busybox ash runs its own uname and dmesg applets, whatever PATH says.
          expect(un.live.kernelRelease).toBe(os.release());
          expect(un.live.machine).toBe(os.machine());
        }
      } finally {
        await un.cleanup();
      }
      await expect(stat(un.root)).rejects.toThrow();
    },
  );
});
