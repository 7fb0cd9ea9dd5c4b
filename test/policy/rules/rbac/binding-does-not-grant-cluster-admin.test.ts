// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { BindingDoesNotGrantClusterAdmin } from '../../../../src/policy/rules/rbac';

const SA = [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }];

describe('BindingDoesNotGrantClusterAdmin', () => {
  const rule = new BindingDoesNotGrantClusterAdmin();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-005');
  });

  test('compliant binding to another role', () => {
    expect(rule.check(binding({ kind: 'ClusterRole', name: 'view' }, SA), NO_CONTEXT)).toEqual([]);
    expect(rule.check(binding({ kind: 'Role', name: 'cluster-admin' }, SA), NO_CONTEXT)).toEqual([]);
  });

  test.each(['RoleBinding', 'ClusterRoleBinding'])('fails on a %s to cluster-admin', kind => {
    expect(rule.check(binding({ kind: 'ClusterRole', name: 'cluster-admin' }, SA, kind), NO_CONTEXT)).toEqual([
      { path: '/roleRef/name', message: `${kind} "b" binds the ClusterRole "cluster-admin"` },
    ]);
  });

  test('not applicable to roles', () => {
    expect(rule.check(role([], 'ClusterRole', 'cluster-admin'), NO_CONTEXT)).toEqual([]);
  });
});
