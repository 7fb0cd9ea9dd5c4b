// SPDX-License-Identifier: Apache-2.0
import { deployment } from './_objects';
import { IngressHasNoWildcardHost } from '../../../../src/policy/rules/network';

const NO_CONTEXT = { objects: [] };
const ingress = (rules: any[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { rules } });

describe('IngressHasNoWildcardHost', () => {
  const rule = new IngressHasNoWildcardHost();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-010');
  });

  test('compliant with exact hosts', () => {
    expect(rule.check(ingress([{ host: 'shop.example.com' }, { host: 'api.example.com' }]), NO_CONTEXT)).toEqual([]);
  });

  test('fails on a wildcard host and on a rule without a host', () => {
    expect(rule.check(ingress([{ host: '*.example.com' }, { http: {} }]), NO_CONTEXT)).toEqual([
      { path: '/spec/rules/0/host', message: 'Ingress "web" rule 0 has the wildcard host "*.example.com"; list exact host names' },
      { path: '/spec/rules/1', message: 'Ingress "web" rule 1 has no host, so it matches every host name' },
    ]);
  });

  test('not applicable to other kinds or an Ingress without rules', () => {
    expect(rule.check(deployment(), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' }, spec: { defaultBackend: {} } }, NO_CONTEXT)).toEqual([]);
  });
});
