// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { WorkloadIsNotInDefaultNamespace } from '../../../../src/policy/rules/workload';

describe('WorkloadIsNotInDefaultNamespace', () => {
  const rule = new WorkloadIsNotInDefaultNamespace();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-015');
  });

  test.each(POD_BEARING)('compliant %s in its own namespace', kind => {
    expect(rule.check(wrap(kind, podSpec(), 'shop'), NO_CONTEXT)).toEqual([]);
  });

  test.each(POD_BEARING.filter(k => k !== 'PodTemplate'))('fails on a %s in the default namespace', kind => {
    expect(rule.check(wrap(kind, podSpec(), 'default'), NO_CONTEXT)).toEqual([
      { path: '/metadata/namespace', message: `${kind} "w" runs in the default namespace; give it its own namespace` },
    ]);
  });

  test('not applicable to a PodTemplate (it runs nothing) or a ConfigMap', () => {
    expect(rule.check(wrap('PodTemplate', podSpec(), 'default'), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }, NO_CONTEXT)).toEqual([]);
  });
});
