import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import path from 'node:path';
import fse from 'fs-extra';
import { SAMPLES, tempDir } from '../helpers/cli.js';

/**
 * A guest root made of only a sample's etc/redhat-release and
 * boot/grub/grub.conf (at 0600, as anaconda leaves it): this root keeps what
 * the wizard detects, and so its defaults, fixed: release from
 * redhat-release, kvm-clock "no" from the default kernel's version (the
 * RHEL 5.4 sample's kernels are renamed to the 5.4 GA kernel 2.6.18-164.el5,
 * which has none), everything else unknown.
 */
export function minimalRoot(sample = 'rhel5.4-x86_64'): { root: string; grubConf: string } {
  const root = path.join(tempDir('fcd-wizard-'), sample);
  for (const rel of ['etc/redhat-release', 'boot/grub/grub.conf']) {
    fse.copySync(path.join(SAMPLES, sample, rel), path.join(root, rel), { dereference: true });
  }
  const grubConf = path.join(root, 'boot/grub/grub.conf');
  const text = readFileSync(grubConf, 'latin1');
  fse.writeFileSync(grubConf, text.split('2.6.18-164.2.1.el5').join('2.6.18-164.el5'), 'latin1');
  fse.chmodSync(grubConf, 0o600);
  return { root, grubConf };
}

/** Every path under dir with its size, sorted: equal before and after means nothing was written. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      out.push(`${path.relative(dir, p)} ${st.isDirectory() ? 'dir' : st.size}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Splits a POSIX shell command line of bare words, '...' quotes and backslash escapes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unbalanced quote in ${line}`);
      word = (word ?? '') + line.slice(i + 1, close);
      i = close;
    } else if (c === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The command line the wizard prints after "The same run without questions:". */
export function equivalentLine(text: string): string {
  const m = /The same run without questions:\r?\n {2}(fix-clock-drift [^\r\n]*)/.exec(text);
  if (!m) throw new Error(`no equivalent command line in:\n${text}`);
  return m[1]!;
}

/**
 * The printed command line as arguments for the CLI, with the guest root
 * swapped for another copy (the command names the root it was asked about).
 */
export function equivalentArgs(line: string, fromRoot: string, toRoot: string): string[] {
  const words = shellWords(line);
  expect(words[0]).toBe('fix-clock-drift');
  return words.slice(1).map((w) => (w === fromRoot ? toRoot : w));
}

/** The outputs of a run beside grub.conf, the diff's paths made relative to the root. */
export function outputsOf(root: string): { kvm: Buffer; diff: string; kvmMode: number } {
  const grub = path.join(root, 'boot/grub');
  return {
    kvm: readFileSync(path.join(grub, 'grub.conf.kvm')),
    diff: readFileSync(path.join(grub, 'grub.conf.kvm.diff'), 'latin1').split(root).join('<root>'),
    kvmMode: lstatSync(path.join(grub, 'grub.conf.kvm')).mode & 0o777,
  };
}
