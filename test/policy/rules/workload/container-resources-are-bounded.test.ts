// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { ContainerResourcesAreBounded } from '../../../../src/policy/rules/workload';

describe('ContainerResourcesAreBounded', () => {
  const rule = new ContainerResourcesAreBounded();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-002');
  });

  test.each(POD_BEARING)('compliant %s', kind => {
    expect(rule.check(wrap(kind, podSpec()), NO_CONTEXT)).toEqual([]);
  });

  test('fails once per missing field, with the exact path', () => {
    const obj = wrap('Deployment', podSpec({ containers: [hardenedContainer('app', { resources: { limits: { memory: '1Gi' } } })] }));
    const found = rule.check(obj, NO_CONTEXT);
    expect(found.map(v => v.path)).toEqual([
      '/spec/template/spec/containers/0/resources/requests/cpu',
      '/spec/template/spec/containers/0/resources/requests/memory',
      '/spec/template/spec/containers/0/resources/limits/cpu',
    ]);
    expect(found[2].message).toMatch(/container.*"app" has no cpu limit/);
  });

  test('fails on an init container of a CronJob', () => {
    const obj = wrap('CronJob', podSpec({ initContainers: [hardenedContainer('init', { resources: undefined })] }));
    expect(rule.check(obj, NO_CONTEXT).map(v => v.path)).toHaveLength(4);
    expect(rule.check(obj, NO_CONTEXT)[0].path).toBe('/spec/jobTemplate/spec/template/spec/initContainers/0/resources/requests/cpu');
  });

  test('fails on an empty-string quantity', () => {
    const c = hardenedContainer('app');
    c.resources.limits.cpu = '';
    expect(rule.check(wrap('Pod', podSpec({ containers: [c] })), NO_CONTEXT)).toHaveLength(1);
  });

  test('not applicable to ephemeral containers (the API forbids resources there)', () => {
    const obj = wrap('Pod', podSpec({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }));
    expect(rule.check(obj, NO_CONTEXT)).toEqual([]);
  });
});
