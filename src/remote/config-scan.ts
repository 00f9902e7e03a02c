import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SshCommand } from './ssh-command.js';

/** Whether a file's ssh_config text names one of `keys` (lowercase), following its Includes. */
function fileMayMention(file: string, keys: Set<string>, depth: number): boolean {
  if (depth > 16) return true;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    // A file that is not there sets nothing; one that cannot be read: ask ssh.
    return !(typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT');
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [word = '', ...rest] = line.split(/[\s=]+/);
    const key = word.toLowerCase();
    if (keys.has(key)) return true;
    if (key !== 'include') continue;
    for (const pattern of rest) {
      if (pattern.startsWith('#')) break;
      const files = includedFiles(pattern);
      if (files === undefined) return true;
      if (files.some((f) => fileMayMention(f, keys, depth + 1))) return true;
    }
  }
  return false;
}

/** The files an Include names, as ssh finds them; undefined when that takes more than a glob in the last part. */
function includedFiles(pattern: string): string[] | undefined {
  if (/["'%$]/.test(pattern)) return undefined;
  const p = pattern.startsWith('~/') ? path.join(os.homedir(), pattern.slice(2)) : pattern;
  if (!p.startsWith('/')) {
    // Relative to ~/.ssh (user files) or /etc/ssh (system files): either may hold it.
    const both = [path.join(os.homedir(), '.ssh', p), path.join('/etc/ssh', p)].map(includedFiles);
    return both.every((f) => f !== undefined) ? both.flat() : undefined;
  }
  const dir = path.dirname(p);
  const base = path.basename(p);
  if (/[*?[\]]/.test(dir)) return undefined;
  if (!/[*?[\]]/.test(base)) return [p];
  if (/[[\]]/.test(base)) return undefined;
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  try {
    return readdirSync(dir)
      .filter((name) => re.test(name))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/**
 * Whether the configuration this ssh reads could set any of `keys`
 * (lowercase ssh_config keywords), told from the text of its files and
 * arguments: when none names them, `ssh -G` (a whole ssh started, tens of
 * milliseconds) would only say they are unset. A program that is not ssh
 * itself, an Include with more than a plain glob, or a file that cannot be
 * read: true, and ssh -G is asked.
 */
export function configMayMention(ssh: SshCommand, keys: readonly string[]): boolean {
  if (path.basename(ssh.program) !== 'ssh') return true;
  const wanted = new Set(keys);
  const lower = ssh.args.map((a) => a.toLowerCase());
  if (lower.some((a) => keys.some((k) => a.includes(k)))) return true;
  let configFile: string | undefined;
  for (let i = 0; i < ssh.args.length; i++) {
    const a = ssh.args[i] ?? '';
    if (a === '-F') configFile = ssh.args[++i];
    else if (a.startsWith('-F')) configFile = a.slice(2);
    // Options bundled with others (-vF cfg) are not told apart here.
    else if (/^-[^-]*F/.test(a)) return true;
  }
  if (configFile === 'none') return false;
  const files =
    configFile !== undefined
      ? [configFile]
      : [path.join(os.homedir(), '.ssh', 'config'), '/etc/ssh/ssh_config'];
  return files.some((f) => fileMayMention(f, wanted, 0));
}
