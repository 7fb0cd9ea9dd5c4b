// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodToleratesNoControlPlaneTaint } from '../../../../src/policy/rules/workload';

describe('PodToleratesNoControlPlaneTaint', () => {
  const rule = new PodToleratesNoControlPlaneTaint();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-016');
  });

  test.each(POD_BEARING)('compliant %s tolerating an ordinary taint', kind => {
    expect(rule.check(wrap(kind, podSpec({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'shop' }] })), NO_CONTEXT)).toEqual([]);
  });

  test('fails on the control-plane and master taints and on a key-less Exists', () => {
    const tolerations = [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node-role.kubernetes.io/master', operator: 'Exists' },
      { operator: 'Exists' },
      { key: 'dedicated', operator: 'Exists' },
    ];
    expect(rule.check(wrap('Pod', podSpec({ tolerations })), NO_CONTEXT).map(v => v.path)).toEqual(['/spec/tolerations/0', '/spec/tolerations/1', '/spec/tolerations/2']);
  });

  test('not applicable without tolerations or to other kinds', () => {
    expect(rule.check(wrap('Pod', podSpec()), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, NO_CONTEXT)).toEqual([]);
  });
});
