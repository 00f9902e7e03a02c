// Jest's testSequencer. Jest starts the slowest files first, so that no long
// file starts last and runs alone; it knows which are slow from its cache of
// the last run's times. A fresh clone (as in CI) has no cache, and Jest then
// goes by file size, which starts the Ansible and sshd files, short but the
// slowest by far, midway. Without a cached time, a file's time is guessed
// from what it starts: each ansible-playbook run, each sshd, and its size.
import { readFileSync } from 'node:fs';
import Sequencer from '@jest/test-sequencer';

const BaseSequencer = Sequencer.default ?? Sequencer;

/** Guessed seconds: a playbook run takes about 8 s here, an sshd file about 10 s, a unit file 1-5 s. */
function guess(file) {
  const text = readFileSync(file, 'utf8');
  const count = (re) => (text.match(re) ?? []).length;
  return count(/\.playbook\(/g) * 8 + (/startSshd\(/.test(text) ? 10 : 0) + text.length / 4000;
}

export default class ColdStartSequencer extends BaseSequencer {
  time(test) {
    return super.time(test) ?? guess(test.path) * 1000;
  }
}
