// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodServiceAccountTokenIsNotAutomounted } from '../../../../src/policy/rules/workload';

function unset(extra: Record<string, any> = {}) {
  const spec = podSpec(extra);
  delete spec.automountServiceAccountToken;
  return spec;
}
function sa(name: string, automount?: boolean, namespace = 'shop') {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) };
}

describe('PodServiceAccountTokenIsNotAutomounted', () => {
  const rule = new PodServiceAccountTokenIsNotAutomounted();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-006');
  });

  test.each(POD_BEARING)('compliant %s with automountServiceAccountToken: false', kind => {
    expect(rule.check(wrap(kind, podSpec()), NO_CONTEXT)).toEqual([]);
  });

  test('compliant when unset and the ServiceAccount in context turns it off', () => {
    const obj = wrap('Deployment', unset());
    expect(rule.check(obj, { objects: [sa('web', false), obj] })).toEqual([]);
  });

  test('compliant via the default ServiceAccount when serviceAccountName is unset', () => {
    const obj = wrap('Deployment', unset({ serviceAccountName: undefined }));
    expect(rule.check(obj, { objects: [sa('default', false), obj] })).toEqual([]);
  });

  test('fails when the pod sets true, even if the ServiceAccount turns it off', () => {
    const obj = wrap('Deployment', podSpec({ automountServiceAccountToken: true }));
    expect(rule.check(obj, { objects: [sa('web', false), obj] })).toEqual([
      { path: '/spec/template/spec/automountServiceAccountToken', message: 'automountServiceAccountToken is true; set it to false' },
    ]);
  });

  test('fails when unset and the ServiceAccount is missing, naming it', () => {
    const [v] = rule.check(wrap('CronJob', unset()), NO_CONTEXT);
    expect(v.path).toBe('/spec/jobTemplate/spec/template/spec/automountServiceAccountToken');
    expect(v.message).toMatch(/ServiceAccount "web" is not among the checked objects in namespace "shop"/);
  });

  test('fails when unset and the ServiceAccount leaves automount on', () => {
    const obj = wrap('Pod', unset());
    expect(rule.check(obj, { objects: [sa('web'), obj] })[0].message).toMatch(/ServiceAccount "web" does not set automountServiceAccountToken: false/);
  });

  test('fails when the matching ServiceAccount is in another namespace', () => {
    const obj = wrap('Pod', unset());
    expect(rule.check(obj, { objects: [sa('web', false, 'other'), obj] })).toHaveLength(1);
  });

  test('not applicable to a ServiceAccount', () => {
    expect(rule.check(sa('web', true), NO_CONTEXT)).toEqual([]);
  });
});
