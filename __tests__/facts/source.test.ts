import { detectFacts } from '../../src/facts/detect/index.js';
import type { FactSource } from '../../src/facts/source.js';
import { rootSource } from '../../src/facts/sources/root.js';
import { RootFs } from '../../src/shared/rootfs.js';
import { fixture } from './helpers.js';

describe('the fact-source seam: detection asks the source and nothing else', () => {
  it('a live source of a guest root: its dmesg, running kernel and machine are the ones used', async () => {
    const root = fixture('rhel54-x86_64');
    const dmesg = async (): Promise<string> =>
      'Linux version 2.6.18-164.2.1.el5 (mockbuild@x)\nCalibrating delay loop... 4787.47 BogoMIPS (lpj=2393737)\n';
    const source: FactSource = {
      files: new RootFs(root),
      live: true,
      dmesg,
      runningKernel: '2.6.18-164.2.1.el5',
      machine: 'x86_64',
    };
    const f = await detectFacts(source, {});
    expect(f.root).toBe(root);
    expect(f.lpj).toMatchObject({ value: 2393737, source: 'dmesg' });
  });

  it('a mounted disk is not live: no dmesg is run, whatever it would say', async () => {
    const root = fixture('rhel54-x86_64');
    let ran = false;
    const source = rootSource(root, {
      live: true,
      dmesg: async () => {
        ran = true;
        return '';
      },
    });
    expect(source.live).toBe(false);
    expect(source.runningKernel).toBeUndefined();
    expect(source.machine).toBeUndefined();
    await detectFacts(source, {});
    expect(ran).toBe(false);
  });

  it("the machine's own / is live, with uname's answers", () => {
    const source = rootSource('/');
    expect(source).toMatchObject({ live: true, runningKernel: expect.any(String) });
    expect(source.machine).toEqual(expect.any(String));
  });
});
