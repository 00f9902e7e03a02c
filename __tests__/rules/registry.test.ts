import {
  chooseRuleSets,
  DEFAULT_RULE_SET,
  findRuleSet,
  RULE_SETS,
  ruleSetNames,
  rulesFlagHelp,
  unknownRuleSetMessage,
} from '../../src/rules/registry.js';
import { renderRuleList } from '../../src/rules/list.js';
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

describe('chooseRuleSets: the registry decides, by the guest hypervisor', () => {
  it('uses the KVM sets in registry order for a KVM guest or an unknown one', () => {
    const kvm = RULE_SETS.filter((s) => s.hypervisor === 'kvm');
    expect(chooseRuleSets(undefined, undefined)).toEqual({ sets: kvm });
    expect(chooseRuleSets(undefined, { value: 'kvm', source: 'dmi' })).toEqual({ sets: kvm });
    expect(chooseRuleSets(undefined, { value: 'hyperv', source: 'dmi' })).toEqual({ sets: kvm });
    expect(kvm.map((s) => s.name)).toEqual(['rhev-3.4', 'rhel6-guide']);
  });

  it("uses VMware's sets on VMware and says why", () => {
    const c = chooseRuleSets(undefined, {
      value: 'vmware',
      source: '/sys/class/dmi/id/sys_vendor',
    });
    expect(c.sets).toEqual([vmwareKb1006427]);
    expect(c.note).toBe(
      'the guest runs on VMware (/sys/class/dmi/id/sys_vendor): the KVM tables do not apply, so vmware-kb-1006427 (VMware KB 1006427) is used; give --rules to choose another',
    );
  });

  it('--rules wins over the hypervisor; an unknown name is a usage error', () => {
    expect(chooseRuleSets('rhel6-guide', { value: 'vmware', source: 'dmi' })).toEqual({
      sets: [rhel6Guide],
    });
    expect(() => chooseRuleSets('nope', undefined)).toThrow(
      '--rules nope: no rule set named "nope": the rule sets are rhev-3.4, rhel6-guide, vmware-kb-1006427 (see --list-rules)',
    );
  });

  it("--rules' help text is written from the registry", () => {
    expect(rulesFlagHelp()).toEqual({
      description: 'rule set to use: rhev-3.4, rhel6-guide, vmware-kb-1006427 (see --list-rules)',
      defaultText:
        'rhev-3.4, then rhel6-guide for releases it has no row for; vmware-kb-1006427 on VMware',
    });
  });
});
