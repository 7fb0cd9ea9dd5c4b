// SPDX-License-Identifier: Apache-2.0
import { deployment } from './_objects';
import { Checker } from '../../../../src/policy/engine/checker';
import { RulePacks } from '../../../../src/policy/packs';
import { NetworkPolicyEgressExcludesCloudMetadata } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
const policy = (egress: any[], policyTypes?: string[], annotations?: { [key: string]: string }) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'egress', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { podSelector: {}, ...(policyTypes ? { policyTypes } : {}), egress },
});
const block = (cidr: string, except?: string[]) => ({ ipBlock: { cidr, ...(except ? { except } : {}) } });

describe('NetworkPolicyEgressExcludesCloudMetadata', () => {
  const rule = new NetworkPolicyEgressExcludesCloudMetadata();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-011');
    expect(rule.noCelReason).toMatch(/CIDR/);
  });

  test('an egress rule without `to` admits the endpoints: one finding naming every admitted address', () => {
    expect(rule.check(policy([{}]), NO_CONTEXT)).toEqual([{
      path: '/spec/egress/0',
      message: 'NetworkPolicy "egress" egress rule 0 admits the cloud metadata endpoint 169.254.169.254 port 80 (AWS, Azure, Google Cloud, '
        + 'OpenStack, Oracle Cloud and others), fd00:ec2::254 port 80 (AWS over IPv6), 100.100.100.200 port 80 (Alibaba Cloud), '
        + 'from which a pod reads the node\'s credentials',
    }]);
  });

  test.each([
    ['0.0.0.0/0', undefined],
    ['169.254.0.0/16', undefined],
    ['169.254.169.254/32', undefined],
    ['169.254.169.254', undefined],
    ['0.0.0.0/0', ['10.0.0.0/8', '169.254.169.0/25']],
    ['169.254.169.255/24', ['169.254.169.0/25']], // host bits ignored, as the API server reads the cidr
  ])('ipBlock %s except %j admits 169.254.169.254', (cidr, except) => {
    const findings = rule.check(policy([{ to: [block(cidr, except)] }]), NO_CONTEXT);
    expect(findings.map(f => f.path)).toEqual(['/spec/egress/0']);
    expect(findings[0].message).toContain('169.254.169.254 port 80');
  });

  test('IPv6: ::/0 admits AWS\'s IPv6 endpoint unless excepted', () => {
    expect(rule.check(policy([{ to: [block('::/0')] }]), NO_CONTEXT)[0].message).toContain('fd00:ec2::254 port 80 (AWS over IPv6)');
    expect(rule.check(policy([{ to: [block('::/0', ['fd00:ec2::254/128'])] }]), NO_CONTEXT)).toEqual([]);
  });

  test.each([
    ['an except that removes every endpoint', [block('0.0.0.0/0', ['169.254.0.0/16', '100.64.0.0/10'])]],
    ['a cidr beside the endpoints', [block('10.0.0.0/8'), block('2001:db8::/32')]],
    ['selector peers', [{ namespaceSelector: {} }, { podSelector: { matchLabels: { app: 'db' } } }]],
    ['an invalid cidr (the API server refuses the object)', [block('300.1.1.1/8')]],
  ])('compliant: %s', (_what, to) => {
    expect(rule.check(policy([{ to }]), NO_CONTEXT)).toEqual([]);
  });

  test.each([
    ['TCP 443 only', [{ protocol: 'TCP', port: 443 }]],
    ['UDP 80', [{ protocol: 'UDP', port: 80 }]],
    ['a range that ends before 80', [{ port: 1, endPort: 79 }]],
    ['a named port (never matches an address outside the cluster)', [{ port: 'http' }]],
  ])('compliant: ports %s', (_what, ports) => {
    expect(rule.check(policy([{ to: [block('0.0.0.0/0')], ports }]), NO_CONTEXT)).toEqual([]);
  });

  test.each([
    ['a port entry without a port', [{ protocol: 'TCP' }]],
    ['port 80 without a protocol', [{ port: 80 }]],
    ['a range over 80', [{ port: 1, endPort: 1024 }]],
    ['an empty list', []],
  ])('fails: ports %s', (_what, ports) => {
    expect(rule.check(policy([{ to: [block('0.0.0.0/0')], ports }]), NO_CONTEXT)).toHaveLength(1);
  });

  test('one finding per offending egress rule, at its index', () => {
    const findings = rule.check(policy([{ to: [{ podSelector: {} }] }, {}, { to: [block('0.0.0.0/0')] }]), NO_CONTEXT);
    expect(findings.map(f => f.path)).toEqual(['/spec/egress/1', '/spec/egress/2']);
  });

  test('not applicable: policyTypes without Egress, no egress list, other kinds and versions', () => {
    expect(rule.check(policy([{}], ['Ingress']), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...policy([]), spec: { podSelector: {}, policyTypes: ['Egress'] } }, NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...policy([{}]), apiVersion: 'extensions/v1beta1' }, NO_CONTEXT)).toEqual([]);
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
  });

  test('policyTypes with Egress: checked', () => {
    expect(rule.check(policy([{}], ['Ingress', 'Egress']), NO_CONTEXT)).toHaveLength(1);
  });

  test('an error in the NetworkIsolation pack, suppressible with a reason', () => {
    const checker = new Checker({ packs: [RulePacks.NETWORK_ISOLATION] });
    const open = checker.check([policy([{}])]).findings.filter(f => f.ruleId === 'HARDEN-NET-011');
    expect(open.map(f => [f.severity, f.suppressed])).toEqual([['error', false]]);
    const annotated = policy([{}], undefined, { 'suppress.hardened.cdk8s.io/HARDEN-NET-011': 'the node agent reads its instance identity' });
    const suppressed = checker.check([annotated]).findings.filter(f => f.ruleId === 'HARDEN-NET-011');
    expect(suppressed.map(f => f.suppressed)).toEqual([true]);
  });

  test('does not mutate its input', () => {
    const obj = policy([{ to: [block('0.0.0.0/0', ['10.0.0.0/8'])] }]);
    const before = JSON.stringify(obj);
    rule.check(obj, NO_CONTEXT);
    expect(JSON.stringify(obj)).toBe(before);
  });
});
