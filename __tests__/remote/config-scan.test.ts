import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configMayMention } from '../../src/remote/config-scan.js';
import { removeTempDirs, tempDir } from '../helpers/cli.js';

// ssh -G is asked only when the configuration could set our defaults' keys:
// a miss here would override an administrator's ConnectTimeout.
const KEYS = ['connecttimeout', 'serveraliveinterval'];
const dir = tempDir('fcd-config-scan-');
afterAll(removeTempDirs);
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  return f;
};
const ssh = (...args: string[]) => ({ program: 'ssh', args });

test('a -F file that names neither key: no need to ask ssh', () => {
  const f = file('plain', 'Host g\n  HostName 127.0.0.1\n  Port 2222\n# ConnectTimeout 5\n');
  expect(configMayMention(ssh('-F', f), KEYS)).toBe(false);
  expect(configMayMention(ssh(`-F${f}`), KEYS)).toBe(false);
});

test.each([['ConnectTimeout 5'], ['  serveraliveinterval=30'], ['SERVERALIVEINTERVAL\t0']])(
  'a -F file that sets one (%s): ask',
  (line) => {
    const f = file('sets', `Host g\n${line}\n`);
    expect(configMayMention(ssh('-F', f), KEYS)).toBe(true);
  },
);

test('an Include of a glob is followed; one that cannot be followed means ask', () => {
  file('conf.d/a.conf', 'Host a\n  Port 1\n');
  file('conf.d/b.conf', 'Host b\n  ConnectTimeout 3\n');
  file('conf.d/b.off', '');
  const glob = file('glob', `Include ${path.join(dir, 'conf.d')}/*.conf\n`);
  expect(configMayMention(ssh('-F', glob), KEYS)).toBe(true);
  const one = file('one', `Include ${path.join(dir, 'conf.d/a.conf')}\n`);
  expect(configMayMention(ssh('-F', one), KEYS)).toBe(false);
  const odd = file('odd', `Include ${path.join(dir, '*')}/a.conf\n`);
  expect(configMayMention(ssh('-F', odd), KEYS)).toBe(true);
});

test('a key in the arguments, bundled flags, or a program that is not ssh: ask', () => {
  const f = file('plain2', 'Host g\n');
  expect(configMayMention(ssh('-F', f, '-o', 'ConnectTimeout=9'), KEYS)).toBe(true);
  expect(configMayMention(ssh('-vF', f), KEYS)).toBe(true);
  expect(configMayMention({ program: 'ssh-wrapper', args: ['-F', f] }, KEYS)).toBe(true);
});

test('-F none reads no file', () => {
  expect(configMayMention(ssh('-F', 'none'), KEYS)).toBe(false);
});
