// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, role } from './_objects';
import { RoleDoesNotReadSecretsUnscoped } from '../../../../src/policy/rules/rbac';

describe('RoleDoesNotReadSecretsUnscoped', () => {
  const rule = new RoleDoesNotReadSecretsUnscoped();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-004');
  });

  test('compliant get on named secrets, and writes without reads', () => {
    expect(rule.check(role([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ]), NO_CONTEXT)).toEqual([]);
  });

  test('fails on get without resourceNames', () => {
    expect(rule.check(role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]), NO_CONTEXT)).toEqual([
      { path: '/rules/0/verbs/0', message: 'Role "r" grants "get" on secrets without resourceNames' },
    ]);
  });

  test('fails on list and watch even with resourceNames', () => {
    const found = rule.check(role([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get', 'list', 'watch'] }]), NO_CONTEXT);
    expect(found.map(v => v.path)).toEqual(['/rules/0/verbs/1', '/rules/0/verbs/2']);
    expect(found[0].message).toMatch(/"list" on secrets/);
  });

  test('not applicable to other groups and resources', () => {
    expect(rule.check(role([
      { apiGroups: ['example.com'], resources: ['secrets'], verbs: ['list'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
    ]), NO_CONTEXT)).toEqual([]);
  });
});
