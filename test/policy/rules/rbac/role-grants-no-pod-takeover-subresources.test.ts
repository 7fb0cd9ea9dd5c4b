// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoPodTakeoverSubresources } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoPodTakeoverSubresources', () => {
  const rule = new RoleGrantsNoPodTakeoverSubresources();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-003');
  });

  test('compliant: reading logs, reading token requests, the same names in another group', () => {
    expect(rule.check(role([
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'create'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['get'] },
      { apiGroups: ['example.com'], resources: ['pods/exec', 'nodes/proxy'], verbs: ['create', 'get'] },
    ]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['pods/exec', 'pods/attach', 'nodes/proxy'])('fails on get %s (WebSocket upgrades are GET requests)', resource => {
    expect(rule.check(role([{ apiGroups: [''], resources: [resource], verbs: ['get', 'list'] }]), NO_CONTEXT)).toEqual([
      { path: '/rules/0/resources/0', message: `Role "r" grants get${resource === 'nodes/proxy' ? ', list' : ''} on "${resource}"` },
    ]);
  });

  test.each(['pods/exec', 'pods/attach', 'nodes/proxy', 'serviceaccounts/token'])('fails on create %s', resource => {
    expect(rule.check(role([{ apiGroups: [''], resources: ['pods', resource], verbs: ['create'] }], 'ClusterRole'), NO_CONTEXT)).toEqual([
      { path: '/rules/0/resources/1', message: `ClusterRole "r" grants create on "${resource}"` },
    ]);
  });
});
