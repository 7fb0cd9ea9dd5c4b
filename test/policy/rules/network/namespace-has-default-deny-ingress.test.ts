// SPDX-License-Identifier: Apache-2.0
import { checkAll, deployment, namespace, netpol } from './_objects';
import { NamespaceHasDefaultDenyIngress } from '../../../../src/policy/rules/network';

describe('NamespaceHasDefaultDenyIngress', () => {
  const rule = new NamespaceHasDefaultDenyIngress();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-NET-001');
  });

  test.each([
    ['policyTypes [Ingress]', { podSelector: {}, policyTypes: ['Ingress'] }],
    ['policyTypes [Ingress, Egress]', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
    ['policyTypes unset (implies Ingress)', { podSelector: {} }],
    ['an empty ingress list', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] }],
    ['podSelector omitted (decodes to empty)', { policyTypes: ['Ingress'] }],
    ['empty matchLabels', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'] }],
  ])('compliant with %s', (_name, spec) => {
    expect(checkAll(rule, [namespace(), netpol('deny', spec), deployment()])).toEqual([]);
  });

  test.each([
    ['no policy', []],
    ['an allow rule', [netpol('allow', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })]],
    ['a policy for some pods only', [netpol('deny', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })]],
    ['an egress-only policy', [netpol('deny', { podSelector: {}, policyTypes: ['Egress'] })]],
    ['a deny policy in another namespace', [netpol('deny', { podSelector: {} }, 'other')]],
  ])('fails with %s, reported once on the Namespace object', (_name, policies) => {
    expect(checkAll(rule, [namespace(), ...policies, deployment(), deployment('api')])).toEqual([{
      obj: 'Namespace/shop',
      path: '/metadata/name',
      message: 'namespace "shop" runs workloads but has no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no ingress rules)',
    }]);
  });

  test('without a Namespace object, fails once per namespace on the namespace (synthetic), never on a workload', () => {
    expect(checkAll(rule, [deployment('web'), deployment('api'), deployment('blog', 'blog')]).map(f => [f.obj, f.path])).toEqual([
      ['Namespace/blog', '/metadata/name'],
      ['Namespace/shop', '/metadata/name'],
    ]);
  });

  test('objects without metadata.namespace form one group, reported on the apply-time namespace', () => {
    const found = checkAll(rule, [deployment('web', null), deployment('api', null)]);
    expect(found).toEqual([{ obj: 'Namespace/undefined', path: '/metadata', message: expect.stringMatching(/^the apply-time namespace \(no metadata.namespace set\) runs workloads/) }]);
  });

  test('a workload never answers for its namespace, whatever its position in the input', () => {
    const objects = [deployment('web'), deployment('api')];
    for (const o of objects) expect(rule.check(o, { objects })).toEqual([]);
    expect(rule.check(JSON.parse(JSON.stringify(objects[0])), { objects })).toEqual([]);
  });

  test('custom resources that run pods make a namespace run workloads (an Argo Rollout)', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }] } } } };
    expect(checkAll(rule, [namespace(), rollout]).map(f => [f.obj, f.path])).toEqual([['Namespace/shop', '/metadata/name']]);
  });

  test('with two Namespace objects of one name, the later (the one applied) answers', () => {
    const first = namespace();
    const second = namespace();
    expect(checkAll(rule, [first, deployment('web'), second])).toHaveLength(1);
    expect(rule.check(first, { objects: [first, deployment('web'), second] })).toEqual([]);
    expect(rule.check(second, { objects: [first, deployment('web'), second] })).toHaveLength(1);
  });

  test('not applicable to a namespace without workloads, or to PodTemplates', () => {
    const template = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't', namespace: 'shop' }, template: { spec: { containers: [] } } };
    expect(checkAll(rule, [namespace(), template])).toEqual([]);
  });
});
