// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { BindingHasNoPrivilegedSystemSubject } from '../../../../src/policy/rules/rbac';

describe('BindingHasNoPrivilegedSystemSubject', () => {
  const rule = new BindingHasNoPrivilegedSystemSubject();
  const ref = { kind: 'ClusterRole', name: 'view' };

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-006');
  });

  test('compliant named subjects', () => {
    expect(rule.check(binding(ref, [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }, { kind: 'Group', name: 'system:authenticated' }]), NO_CONTEXT)).toEqual([]);
  });

  test.each([['User', 'system:anonymous'], ['Group', 'system:unauthenticated'], ['Group', 'system:masters']])('fails on %s %s', (kind, name) => {
    expect(rule.check(binding(ref, [{ kind: 'ServiceAccount', name: 'web' }, { kind, name }], 'ClusterRoleBinding'), NO_CONTEXT)).toEqual([
      { path: '/subjects/1/name', message: `ClusterRoleBinding "b" binds the subject ${kind} "${name}"` },
    ]);
  });

  test('not applicable to roles and bindings without subjects', () => {
    expect(rule.check(role([]), NO_CONTEXT)).toEqual([]);
    expect(rule.check({ ...binding(ref, []), subjects: undefined }, NO_CONTEXT)).toEqual([]);
  });
});
