// SPDX-License-Identifier: Apache-2.0
import { _isIpv6, _maxOf, _parseQuantity, _pushAll, _validateCidr, _validateDns1123Label, _validateNotReservedNamespace, _validatePort } from '../../src/core/_util';
import { validateManifests } from '../util';

describe('core validation helpers', () => {
  test('parses CPU and memory quantities', () => {
    expect(_parseQuantity('500m')).toBeCloseTo(0.5);
    expect(_parseQuantity('2')).toBe(2);
    expect(_parseQuantity('1Gi')).toBe(1024 ** 3);
    expect(_parseQuantity('1G')).toBe(1e9);
    expect(_parseQuantity('1e3')).toBe(1000);
  });
  test('throws on an unparseable quantity, naming the value', () => {
    expect(() => _parseQuantity('1 gig', 'memory limit')).toThrow(/Invalid memory limit "1 gig": not a Kubernetes quantity/);
    expect(() => _parseQuantity('abc')).toThrow(/not a Kubernetes quantity/);
  });
  test('throws on an invalid DNS-1123 label with a suggestion', () => {
    expect(() => _validateDns1123Label('Team_A', 'namespace name')).toThrow(/Invalid namespace name "Team_A".*Did you mean "team-a"/);
    expect(_validateDns1123Label('team-a', 'name')).toBe('team-a');
  });
  test('throws on a reserved namespace', () => {
    expect(() => _validateNotReservedNamespace('kube-system')).toThrow(/"kube-system" is reserved/);
  });
  test('throws on a CIDR without prefix and suggests /32', () => {
    expect(() => _validateCidr('10.0.0.1')).toThrow(/Did you mean "10.0.0.1\/32"/);
    expect(() => _validateCidr('10.0.0.0/33')).toThrow(/Invalid CIDR/);
    expect(_validateCidr('fd00::/8')).toBe('fd00::/8');
  });
  test('throws on a port out of range', () => {
    expect(() => _validatePort(70000)).toThrow(/Invalid port 70000/);
    expect(() => _validatePort(0)).toThrow(/between 1 and 65535/);
  });
});

describe('validateManifests', () => {
  test('fails on a schema-invalid Deployment', () => {
    expect(() => validateManifests([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} }]))
      .toThrow(/Schema validation failed for apps\/v1\/Deployment/);
  });
  test('fails on a kind with no known schema', () => {
    expect(() => validateManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]))
      .toThrow(/No schema known/);
  });
  test('accepts a valid cert-manager Certificate', () => {
    expect(() => validateManifests([{
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'c' },
      spec: { secretName: 's', issuerRef: { name: 'i' }, dnsNames: ['a.example.com'] },
    }])).not.toThrow();
  });

  test('_pushAll and _maxOf handle arrays past the argument limit of a spread', () => {
    const big = Array.from({ length: 500_000 }, (_, i) => i);
    expect(_pushAll([-1], big)).toHaveLength(500_001);
    expect(_maxOf(big)).toBe(499_999);
    expect(_maxOf([], 7)).toBe(7);
    expect(_maxOf([3], 7)).toBe(7);
  });
});

describe('IPv6 CIDR validation (strict)', () => {
  test.each([
    ['1:2:3/64', /"1:2:3" is not an IPv6 address \(3 groups; 8 are needed/],
    [':::/64', /":::" is not an IPv6 address \(empty group/],
    ['1::2::3/64', /"::" may appear only once/],
    [':1::/64', /empty group/],
    ['1:2:3:4:5:6:7::8/64', /more than 8/],
    ['1:2:3:4:5:6:7:8:9/64', /9 groups/],
    ['12345::/64', /group "12345" is not 1-4 hex digits/],
    ['1.2.3.4::/64', /dotted IPv4 part/],
    ['fe80::1%eth0/64', /only hex digits/],
  ])('throws on %s, naming the address and why', (cidr, why) => {
    expect(() => _validateCidr(cidr)).toThrow(why);
    expect(() => _validateCidr(cidr)).toThrow(/Write eight groups of 1-4 hex digits/);
  });
  test.each(['::/0', '2001:db8::/32', '1:2:3:4:5:6:7:8/128', '::ffff:10.0.0.0/104', '1::/16', 'FD00::/8'])('accepts %s', cidr => {
    expect(_validateCidr(cidr)).toBe(cidr);
  });
  test('bare addresses: strict IPv6 shape', () => {
    expect(_isIpv6('1:2:3')).toBe(false);
    expect(_isIpv6(':::')).toBe(false);
    expect(_isIpv6('::')).toBe(true);
    expect(_isIpv6('::1')).toBe(true);
  });
});
