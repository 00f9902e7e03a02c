import path from 'node:path';
import { AnsibleSandbox } from '../helpers/ansible.js';
import { REPO } from '../helpers/cli.js';

// The shipped playbook and example inventory as Ansible reads them: what runs
// on each guest in each kind of run, and the inventory's settings for old
// guests, as the README gives them.
const ansible = new AnsibleSandbox(10);
const EXAMPLE = path.join(REPO, 'ansible/inventory.example.yml');

/** The task names of each play, from --list-tasks. */
function plays(extra: string[] = []): string[][] {
  const r = ansible.run('ansible-playbook', [
    '-i',
    EXAMPLE,
    path.join(REPO, 'ansible/fix-clock-drift.yml'),
    '--list-tasks',
    ...extra,
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .split(/\n\s*play #\d+/)
    .slice(1)
    .map((play) => [...play.matchAll(/^\s+fix_clock_drift : (.+?)\tTAGS/gm)].map((m) => m[1]!));
}

test('a write runs four tasks a guest: collect and write on it, decide and record here', () => {
  expect(plays()).toEqual([
    ['Start the run on the controller (list the guests, put the collector)'],
    [
      "Collect the guest's facts (read-only)",
      'Decide on the controller',
      'Write grub.conf.kvm and its diff beside grub.conf (never grub.conf)',
      'Record the write on the controller',
    ],
  ]);
});

test('an install runs collect, verify, install and record, and writes no pair first', () => {
  expect(plays(['-e', 'fcd_install=true'])).toEqual([
    ['Start the run on the controller (list the guests, put the collector)'],
    [
      "Collect the guest's facts (read-only)",
      'Verify the reviewed pair on the controller, as fix-clock-drift install does',
      'Back grub.conf up and replace it with the reviewed grub.conf.kvm',
      'Record the install on the controller',
    ],
  ]);
});

test('a check runs collect on the guest and check here, nothing else', () => {
  expect(plays(['-e', 'fcd_check=true'])).toEqual([
    ['Start the run on the controller (list the guests, put the collector)'],
    ["Collect the guest's facts (read-only)", 'Check the running guest on the controller'],
  ]);
});

test('the example inventory enables the old algorithms per group, and sudo flags without -n', () => {
  const r = ansible.run('ansible-inventory', ['-i', EXAMPLE, '--list']);
  expect(r.code).toBe(0);
  const vars = JSON.parse(r.stdout)._meta.hostvars;
  expect(Object.keys(vars).sort()).toEqual([
    'app-on-kvm1',
    'app-on-kvm2',
    'db1.example.com',
    'web1.example.com',
    'web2.example.com',
  ]);
  const legacy =
    '-o KexAlgorithms=+diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1 -o HostKeyAlgorithms=+ssh-rsa -o PubkeyAcceptedAlgorithms=+ssh-rsa -o Ciphers=+aes128-cbc,3des-cbc';
  expect(vars['web1.example.com']).toMatchObject({ ansible_ssh_common_args: legacy });
  expect(vars['db1.example.com']).toMatchObject({
    ansible_ssh_common_args: legacy,
    ansible_become: true,
    ansible_become_flags: '-H -S',
  });
  expect(vars['web2.example.com'].fcd_flags).toEqual(['--entries', 'default']);
  expect(vars['app-on-kvm1'].ansible_host).toBe(vars['app-on-kvm2'].ansible_host);
});

test('a tool the controller cannot run stops the run at its first step, naming it', () => {
  // The play never reaches the guest: its address is never connected to.
  const inventory = ansible.inventory('missing-tool', [
    ['web1', { ansible_host: '127.0.0.1', ansible_port: 9 }],
  ]);
  const vars = AnsibleSandbox.roleVars(path.join(ansible.dir, 'reports'), {
    fcd_cli: ['/nonexistent/fix-clock-drift'],
  });
  const r = ansible.playbook(inventory, vars);
  expect(r.code).not.toBe(0);
  expect(r.stdout).toMatch(
    /fcd_step: cannot run \/nonexistent\/fix-clock-drift: \[Errno 2\] No such file or directory/,
  );
  expect(r.recap.get('web1')).toMatchObject({ ok: 0, failed: 1 });
});
