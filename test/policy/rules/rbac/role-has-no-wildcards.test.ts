// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, role } from './_objects';
import { RoleHasNoWildcards } from '../../../../src/policy/rules/rbac';

describe('RoleHasNoWildcards', () => {
  const rule = new RoleHasNoWildcards();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-001');
  });

  test.each(['Role', 'ClusterRole'])('compliant %s with explicit lists', kind => {
    expect(rule.check(role([{ apiGroups: ['', 'apps'], resources: ['pods', 'deployments/scale'], verbs: ['get'] }], kind), NO_CONTEXT)).toEqual([]);
  });

  test('compliant non-resource URL globs that are not the bare wildcard', () => {
    expect(rule.check(role([{ nonResourceURLs: ['/healthz/*'], verbs: ['get'] }], 'ClusterRole'), NO_CONTEXT)).toEqual([]);
  });

  test('fails once per wildcard entry, pointing at it', () => {
    const found = rule.check(role([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['*'], resources: ['*', 'pods/*'], verbs: ['list', '*'] },
    ], 'ClusterRole'), NO_CONTEXT);
    expect(found.map(v => v.path)).toEqual(['/rules/1/verbs/1', '/rules/1/apiGroups/0', '/rules/1/resources/0', '/rules/1/resources/1']);
    expect(found[3].message).toBe('ClusterRole "r" rule 1 grants wildcard resources "pods/*"');
  });

  test('not applicable to bindings, other kinds and non-RBAC apiVersions', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...role([{ verbs: ['*'] }]), apiVersion: 'example.com/v1' }, NO_CONTEXT)).toEqual([]);
  });
});
