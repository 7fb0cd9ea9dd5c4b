// SPDX-License-Identifier: Apache-2.0
import { hardenedContainer, NO_CONTEXT, POD_BEARING, podSpec, wrap } from './_objects';
import { PodRunsWithoutRootGroup } from '../../../../src/policy/rules/workload';

describe('PodRunsWithoutRootGroup', () => {
  const rule = new PodRunsWithoutRootGroup();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-WL-012');
  });

  test.each(POD_BEARING)('compliant %s with non-zero or unset groups', kind => {
    const groups = { runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [5] };
    expect(rule.check(wrap(kind, podSpec({ securityContext: groups })), NO_CONTEXT)).toEqual([]);
    expect(rule.check(wrap(kind, podSpec()), NO_CONTEXT)).toEqual([]);
  });

  test('fails once per root group: pod runAsGroup, fsGroup, supplementalGroups and container runAsGroup', () => {
    const spec = podSpec({
      securityContext: { runAsGroup: 0, fsGroup: 0, supplementalGroups: [7, 0] },
      initContainers: [hardenedContainer('init', { securityContext: { runAsGroup: 0 } })],
    });
    expect(rule.check(wrap('Deployment', spec), NO_CONTEXT).map(v => v.path)).toEqual([
      '/spec/template/spec/securityContext/runAsGroup',
      '/spec/template/spec/securityContext/fsGroup',
      '/spec/template/spec/securityContext/supplementalGroups/1',
      '/spec/template/spec/initContainers/0/securityContext/runAsGroup',
    ]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, NO_CONTEXT)).toEqual([]);
  });
});
