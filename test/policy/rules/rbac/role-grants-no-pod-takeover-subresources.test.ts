// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoPodTakeoverSubresources } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoPodTakeoverSubresources', () => {
  const rule = new RoleGrantsNoPodTakeoverSubresources();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-003');
  });

  test('compliant: reading logs, getting exec, creating pods in another group', () => {
    expect(rule.check(role([
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'create'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] },
      { apiGroups: ['example.com'], resources: ['pods/exec'], verbs: ['create'] },
    ]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['pods/exec', 'pods/attach', 'nodes/proxy', 'serviceaccounts/token'])('fails on create %s', resource => {
    expect(rule.check(role([{ apiGroups: [''], resources: ['pods', resource], verbs: ['create'] }], 'ClusterRole'), NO_CONTEXT)).toEqual([
      { path: '/rules/0/resources/1', message: `ClusterRole "r" grants create on "${resource}"` },
    ]);
  });
});
