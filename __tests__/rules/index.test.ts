import {
  DEFAULT_RULE_SET,
  findRuleSet,
  renderRuleList,
  RULE_SETS,
  ruleSetNames,
  unknownRuleSetMessage,
} from '../../src/rules/index.js';
import { rhel6Guide } from '../../src/rules/rhel6-guide.js';
import { rhev34 } from '../../src/rules/rhev-3.4.js';
import { vmwareKb1006427 } from '../../src/rules/vmware-kb-1006427.js';

describe('the rule set registry', () => {
  it('holds the three sets, the default first', () => {
    expect(ruleSetNames()).toEqual(['rhev-3.4', 'rhel6-guide', 'vmware-kb-1006427']);
    expect(DEFAULT_RULE_SET).toBe('rhev-3.4');
    expect(RULE_SETS[0]?.name).toBe(DEFAULT_RULE_SET);
  });

  it.each([
    ['rhev-3.4', rhev34],
    ['rhel6-guide', rhel6Guide],
    ['vmware-kb-1006427', vmwareKb1006427],
  ])('finds %s', (name, set) => {
    expect(findRuleSet(name)).toBe(set);
  });

  it.each(['', 'RHEV-3.4', 'rhev', 'vmware', ' rhev-3.4'])('does not find %j', (name) => {
    expect(findRuleSet(name)).toBeUndefined();
  });

  it('names the known sets when a name is unknown', () => {
    expect(unknownRuleSetMessage('rhel5')).toBe(
      'no rule set named "rhel5": the rule sets are rhev-3.4, rhel6-guide, vmware-kb-1006427 (see --list-rules)',
    );
  });

  it('has unique names', () => {
    expect(new Set(ruleSetNames()).size).toBe(RULE_SETS.length);
  });
});

describe('renderRuleList', () => {
  it('shows name, title, source, hypervisor, policy and row count of every set', () => {
    expect(renderRuleList()).toBe(
      [
        'rhev-3.4 (default)',
        '  title:       KVM virtual machine timing management',
        '  source:      RHEV 3.4 Administration Guide 9.16.3',
        '  hypervisor:  kvm',
        `  policy:      same-major: ${rhev34.policy}`,
        '  rows:        10',
        '',
        'rhel6-guide',
        '  title:       Required Parameters for Red Hat Enterprise Linux Guests',
        '  source:      RHEL 6 Virtualization Host Configuration and Guest Installation Guide 14.2',
        '  hypervisor:  kvm',
        `  policy:      same-major: ${rhel6Guide.policy}`,
        '  rows:        12',
        '',
        'vmware-kb-1006427',
        '  title:       Timekeeping best practices for Linux guests',
        '  source:      VMware KB 1006427',
        '  hypervisor:  vmware',
        `  policy:      none: ${vmwareKb1006427.policy}`,
        '  rows:        13 (10 RHEL, 3 SLES)',
        '',
      ].join('\n'),
    );
  });

  it('renders a chosen list and default', () => {
    expect(renderRuleList([vmwareKb1006427], 'vmware-kb-1006427').split('\n')[0]).toBe(
      'vmware-kb-1006427 (default)',
    );
    expect(renderRuleList([])).toBe('\n');
  });
});
