// SPDX-License-Identifier: Apache-2.0
import { IngressHostsAreCoveredByTls } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
const BACKEND = { service: { name: 'web', port: { number: 80 } } };
function ingress(hosts: Array<string | undefined>, tls?: any[], extra: Record<string, any> = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      ...(tls ? { tls } : {}),
      rules: hosts.map(host => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend: BACKEND }] } })),
      ...extra,
    },
  };
}

describe('IngressHostsAreCoveredByTls', () => {
  const rule = new IngressHostsAreCoveredByTls();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-007');
  });

  test.each([
    ['exact hosts', ['a.example.com', 'b.example.com'], [{ hosts: ['a.example.com'] }, { hosts: ['b.example.com'] }]],
    ['case-insensitive', ['Shop.Example.com'], [{ hosts: ['shop.example.com'] }]],
    ['a wildcard certificate', ['shop.example.com'], [{ hosts: ['*.example.com'] }]],
    ['the same wildcard host', ['*.example.com'], [{ hosts: ['*.example.com'] }]],
    ['a hostless rule with a default-certificate entry', [undefined], [{ secretName: 'default-tls' }]],
  ])('compliant: %s', (_name, hosts, tls) => {
    expect(rule.check(ingress(hosts, tls), NO_CONTEXT)).toEqual([]);
  });

  test('fails once per uncovered host, naming it', () => {
    expect(rule.check(ingress(['a.example.com', 'b.example.com'], [{ hosts: ['a.example.com'] }]), NO_CONTEXT)).toEqual([
      { path: '/spec/rules/1/host', message: 'Ingress "web" host "b.example.com" is not listed in any spec.tls[].hosts; it is served over plain HTTP' },
    ]);
  });

  test.each([
    ['two labels below the wildcard', 'a.b.example.com'],
    ['the wildcard apex', 'example.com'],
    ['a wildcard host with a concrete certificate', '*.example.com'],
  ])('fails on %s', (_name, host) => {
    const tls = host === '*.example.com' ? [{ hosts: ['a.example.com'] }] : [{ hosts: ['*.example.com'] }];
    expect(rule.check(ingress([host], tls), NO_CONTEXT)).toHaveLength(1);
  });

  test('fails on a hostless rule and a defaultBackend without a default-certificate entry', () => {
    expect(rule.check(ingress([undefined], [{ hosts: ['a.example.com'] }], { defaultBackend: BACKEND }), NO_CONTEXT).map(v => v.path))
      .toEqual(['/spec/rules/0', '/spec/defaultBackend']);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } }, NO_CONTEXT)).toEqual([]);
  });
});
