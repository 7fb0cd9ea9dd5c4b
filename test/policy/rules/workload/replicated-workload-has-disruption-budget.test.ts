// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, podSpec } from './_objects';
import { ReplicatedWorkloadHasDisruptionBudget } from '../../../../src/policy/rules/workload';

function workload(kind: string, replicas: any, labels: Record<string, string> = { app: 'web' }, namespace = 'shop') {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec() } },
  };
}
function pdb(selector: any, namespace = 'shop', apiVersion = 'policy/v1') {
  return { apiVersion, kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace }, spec: { minAvailable: 1, selector } };
}

describe('ReplicatedWorkloadHasDisruptionBudget', () => {
  const rule = new ReplicatedWorkloadHasDisruptionBudget();
  const check = (obj: any, ...others: any[]) => rule.check(obj, { objects: [obj, ...others] });

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-008');
  });

  test.each(['Deployment', 'StatefulSet'])('fails on a replicated %s without a PDB, naming the replica count', kind => {
    expect(check(workload(kind, 3))).toEqual([{
      path: '/spec/replicas',
      message: `${kind} "web" runs 3 replicas but no PodDisruptionBudget in namespace "shop" selects its pod labels`,
    }]);
  });

  test.each([
    ['matchLabels', { matchLabels: { app: 'web' } }],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }],
    ['NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }],
    ['empty (policy/v1 selects all)', {}],
  ])('compliant with a PDB selector using %s', (_name, selector) => {
    expect(check(workload('Deployment', 2), pdb(selector))).toEqual([]);
  });

  test.each([
    ['other labels', pdb({ matchLabels: { app: 'api' } })],
    ['a failing expression', pdb({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] })],
    ['an unknown operator', pdb({ matchExpressions: [{ key: 'app', operator: 'Matches', values: ['web'] }] })],
    ['a missing selector', pdb(undefined)],
    ['another namespace', pdb({ matchLabels: { app: 'web' } }, 'other')],
    ['an empty policy/v1beta1 selector (selected nothing)', pdb({}, 'shop', 'policy/v1beta1')],
  ])('fails with a PDB with %s', (_name, budget) => {
    expect(check(workload('Deployment', 2), budget)).toHaveLength(1);
  });

  test.each([[undefined], [1], [0], ['3']])('not applicable with replicas %p', replicas => {
    expect(check(workload('Deployment', replicas))).toEqual([]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check(workload('DaemonSet', 3), NO_CONTEXT)).toEqual([]);
    expect(rule.check(workload('ReplicaSet', 3), NO_CONTEXT)).toEqual([]);
  });
});
