import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editEntries } from '../../src/grub/edit.js';
import { parseGrubConfig, serializeGrubConfig } from '../../src/grub/model.js';
import { unifiedDiff } from '../../src/output/diff.js';
import { tempDir } from '../helpers/cli.js';

function diffOf(text: string, params: string[]): { patch: string; out: string } {
  const config = parseGrubConfig(text);
  const old = config.lines.map((l) => ({ ...l }));
  const edits = editEntries(config, config.entries, params);
  const patch = unifiedDiff(
    old,
    config.lines,
    edits.filter((e) => e.changed).map((e) => e.line),
    'a/grub.conf',
    'b/grub.conf',
  );
  return { patch, out: serializeGrubConfig(config) };
}

function gnuDiff(a: string, b: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'old'), a, 'latin1');
  writeFileSync(path.join(dir, 'new'), b, 'latin1');
  const r = spawnSync(
    'diff',
    ['-u', '--label', 'a/grub.conf', '--label', 'b/grub.conf', 'old', 'new'],
    { cwd: dir },
  );
  return r.stdout.toString('latin1');
}

function entries(n: number, eol = '\n'): string {
  let s = `default=0${eol}timeout 5${eol}`;
  for (let i = 0; i < n; i++)
    s += `title e${i}${eol}\troot (hd0,0)${eol}\tkernel /vmlinuz-${i} ro${eol}\tinitrd /initrd-${i}.img${eol}`;
  return s;
}

describe('unifiedDiff', () => {
  it.each([
    ['one entry', entries(1)],
    ['entries close together (merged hunks)', entries(3)],
    ['CRLF', entries(3, '\r\n')],
    ['no final newline on the edited line', 'title a\n\tkernel /vmlinuz ro'],
    ['no final newline after the edited line', 'title a\n\tkernel /vmlinuz ro\n\tinitrd /i'],
    ['non-UTF-8 bytes', `# Ren\xe9\n${entries(2)}`],
    [
      'hunks far apart',
      `${entries(1)}${'# pad\n'.repeat(20)}${entries(1).replace('default=0\ntimeout 5\n', '')}`,
    ],
  ])('%s: same as GNU diff -u', (_n, text) => {
    const { patch, out } = diffOf(text, ['notsc', 'lpj=2394000']);
    expect(patch).toBe(gnuDiff(text, out));
  });

  it('is empty when nothing changed', () => {
    expect(diffOf('title a\n\tkernel /v notsc\n', ['notsc']).patch).toBe('');
  });

  it('GNU patch reproduces the output', () => {
    const dir = tempDir();
    const text = entries(5, '\r\n').slice(0, -2);
    const { patch, out } = diffOf(text, ['clock=pmtmr']);
    writeFileSync(path.join(dir, 'grub.conf'), text, 'latin1');
    writeFileSync(path.join(dir, 'd'), patch, 'latin1');
    const r = spawnSync('patch', ['-o', 'out', 'grub.conf', 'd'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'out'), 'latin1')).toBe(out);
  });
});
