// SPDX-License-Identifier: Apache-2.0
import { ApiObject } from 'cdk8s';
import { DefaultDenyPolicy, HardenedNamespace } from '../../src';
import { findAll, findOne, synthValid, testChart } from '../util';

describe('DefaultDenyPolicy', () => {
  test('minimal definition', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny');
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('defaultChild is the deny-all NetworkPolicy', () => {
    const chart = testChart();
    const deny = new DefaultDenyPolicy(chart, 'Deny');
    expect(ApiObject.of(deny).kind).toBe('NetworkPolicy');
    expect(ApiObject.of(deny).name).toBe('default-deny-all');
  });

  test('denies ingress and egress of every pod (empty podSelector, both policy types, no rules)', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny');
    const deny = findOne(synthValid(chart), 'NetworkPolicy', 'default-deny-all');
    expect(deny.spec.podSelector).toEqual({});
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
  });

  test('allows DNS egress on UDP 53 and TCP 53 to kube-dns in kube-system, matched by metadata.name', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny');
    const dns = findOne(synthValid(chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    expect(dns.spec.podSelector).toEqual({});
    expect(dns.spec.policyTypes).toEqual(['Egress']);
    expect(dns.spec.ingress).toBeUndefined();
    expect(dns.spec.egress).toEqual([{
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
    }]);
  });

  test('places both policies in the given namespace', () => {
    const chart = testChart();
    const ns = HardenedNamespace.fromNamespaceName(chart, 'Ns', 'team-a');
    new DefaultDenyPolicy(chart, 'Deny', { namespace: ns, name: 'deny' });
    const policies = findAll(synthValid(chart), 'NetworkPolicy');
    expect(policies.map(p => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(['team-a/deny', 'team-a/deny-allow-dns']);
  });

  test('DNS pod labels and namespace are overridable', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny', { dnsPodLabels: { 'app.kubernetes.io/name': 'coredns' }, dnsNamespace: 'dns' });
    const dns = findOne(synthValid(chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    expect(dns.spec.egress[0].to).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'coredns' } },
    }]);
  });

  test('NodeLocal DNSCache IP gets UDP and TCP 53 to that /32 only', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny', { nodeLocalDnsIp: '169.254.20.10' });
    const dns = findOne(synthValid(chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    expect(dns.spec.egress).toHaveLength(2);
    expect(dns.spec.egress[1]).toEqual({
      ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      to: [{ ipBlock: { cidr: '169.254.20.10/32' } }],
    });
  });

  test('DNS on other ports and to more peers: dnsPorts (UDP and TCP each) and dnsCidrs (e.g. the node CIDR for NodeLocal DNSCache)', () => {
    const chart = testChart();
    new DefaultDenyPolicy(chart, 'Deny', { dnsPorts: [5353, 53], dnsCidrs: ['10.0.0.0/16', 'fd00::/64'] });
    const dns = findOne(synthValid(chart), 'NetworkPolicy', 'default-deny-all-allow-dns');
    const ports = [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 5353, protocol: 'UDP' }, { port: 5353, protocol: 'TCP' }];
    expect(dns.spec.egress).toEqual([
      { ports, to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] },
      { ports, to: [{ ipBlock: { cidr: '10.0.0.0/16' } }] },
      { ports, to: [{ ipBlock: { cidr: 'fd00::/64' } }] },
    ]);
  });

  test('throws on empty or invalid DNS ports, an invalid DNS CIDR, or either given while DNS egress is off', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { dnsPorts: [] })).toThrow(/dnsPorts is empty/);
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { dnsPorts: [70000] })).toThrow(/Invalid dnsPorts 70000/);
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { dnsCidrs: ['10.0.0.1'] })).toThrow(/Invalid dnsCidrs "10\.0\.0\.1"/);
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { allowDnsEgress: false, dnsPorts: [5353] })).toThrow(/allowDnsEgress is false/);
  });

  test('DNS egress can be turned off, leaving only the deny-all', () => {
    const chart = testChart();
    const deny = new DefaultDenyPolicy(chart, 'Deny', { allowDnsEgress: false });
    const policies = findAll(synthValid(chart), 'NetworkPolicy');
    expect(policies.map(p => p.metadata.name)).toEqual(['default-deny-all']);
    expect(deny.dnsPolicy).toBeUndefined();
  });

  test('throws on a NodeLocal DNSCache address that is not an IPv4 address', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { nodeLocalDnsIp: '169.254.20.10/32' }))
      .toThrow(/Invalid nodeLocalDnsIp "169.254.20.10\/32".*without a prefix length/);
  });

  test('throws on empty DNS pod labels (would open port 53 to every pod of the DNS namespace)', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { dnsPodLabels: {} })).toThrow(/dnsPodLabels is empty/);
  });

  test('throws on DNS options given while DNS egress is off', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { allowDnsEgress: false, nodeLocalDnsIp: '169.254.20.10' }))
      .toThrow(/allowDnsEgress is false/);
  });

  test('throws on an invalid DNS namespace name', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { dnsNamespace: 'Kube_System' })).toThrow(/Invalid DNS namespace "Kube_System"/);
  });

  test('throws on an invalid policy name', () => {
    expect(() => new DefaultDenyPolicy(testChart(), 'Deny', { name: 'Deny All' })).toThrow(/Invalid NetworkPolicy name "Deny All"/);
  });
});
