// SPDX-License-Identifier: Apache-2.0
import { checkAll, deployment, namespace, netpol } from './_objects';
import { NamespaceHasDefaultDenyEgress } from '../../../../src/policy/rules/network';

describe('NamespaceHasDefaultDenyEgress', () => {
  const rule = new NamespaceHasDefaultDenyEgress();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-002');
  });

  test.each([
    ['policyTypes [Egress]', { podSelector: {}, policyTypes: ['Egress'] }],
    ['policyTypes [Ingress, Egress]', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [] }],
  ])('compliant with %s', (_name, spec) => {
    expect(checkAll(rule, [namespace(), netpol('deny', spec), deployment()])).toEqual([]);
  });

  test.each([
    ['no policy', []],
    ['policyTypes unset (implies Ingress only)', [netpol('deny', { podSelector: {} })]],
    ['an allow-DNS rule only', [netpol('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })]],
    ['a policy for some pods only', [netpol('deny', { podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, policyTypes: ['Egress'] })]],
  ])('fails with %s', (_name, policies) => {
    expect(checkAll(rule, [namespace(), ...policies, deployment()])).toEqual([{
      obj: 'Namespace/shop',
      path: '/metadata/name',
      message: 'namespace "shop" runs workloads but has no default-deny egress NetworkPolicy (podSelector {}, policyTypes [Egress], no egress rules)',
    }]);
  });
});
