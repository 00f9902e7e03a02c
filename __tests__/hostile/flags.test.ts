import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import {
  TWO_ENTRIES,
  expectFailure,
  expectNothingLeft,
  expectUntouched,
  snapshot,
  write,
  removeScratch,
  scratch,
} from './helpers.js';

afterAll(removeScratch);

const BASE = ['--release', '5.4', '--arch', 'x86_64', '--no-pvclock', '--lpj', '2394000'];

function guest(): { dir: string; conf: string } {
  const dir = scratch();
  return { dir, conf: write(path.join(dir, 'grub.conf'), TWO_ENTRIES) };
}

describe('invalid flag values exit 2, naming the flag and the valid values', () => {
  const RELEASE = /expected a RHEL release as MAJOR\.MINOR, e\.g\. 5\.4/;
  const LPJ = /expected a whole number of loops per jiffy from 1 to 4294967295/;
  const cases: [string[], string, RegExp][] = [
    [['--release', 'abc'], '--release', RELEASE],
    [['--release', '5.4.x'], '--release', RELEASE],
    [['--lpj', '-5'], '--lpj', LPJ],
    [['--lpj', '0'], '--lpj', LPJ],
    [['--lpj', '1e9'], '--lpj', LPJ],
    [['--arch', 'sparc'], '--arch', /expected x86_64 \(or amd64\) .*i686/],
    [['--entries', '99'], '--entries 99', /has 2 entries, numbered 0 to 1; or use all or default/],
  ];
  it.each(cases)('%j', (args, flag, valid) => {
    const { dir, conf } = guest();
    const before = snapshot(dir);
    // Later flags win in commander, so the bad value overrides BASE's good one.
    const r = runCli([...BASE, '--grub-conf', conf, ...args]);
    const bad = args[1]!;
    expectFailure(r, {
      code: 2,
      names: flag === '--entries 99' ? [flag] : [flag, `'${bad}'`],
      says: flag === '--entries 99' ? /entries/ : /is invalid/,
      todo: valid,
    });
    expectUntouched(before, snapshot(dir));
    expectNothingLeft(dir);
  });
});

describe('--debug', () => {
  it('a normal failure (ToolError) is still one line, without a stack trace', () => {
    const dir = scratch();
    const missing = path.join(dir, 'grub.conf');
    const r = runCli([...BASE, '--grub-conf', missing, '--debug']);
    expectFailure(r, { code: 1, names: [missing], says: /no such file/ });
    expectNothingLeft(dir);
  });

  it('a usage error is still one line, without a stack trace', () => {
    const { dir, conf } = guest();
    const r = runCli([...BASE, '--grub-conf', conf, '--lpj', '0', '--debug']);
    expectFailure(r, { code: 2, names: ['--lpj', "'0'"], says: /is invalid/, todo: /from 1 to/ });
    expectNothingLeft(dir);
  });
});
