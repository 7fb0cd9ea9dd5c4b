// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoEndpointEdits } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoEndpointEdits', () => {
  const rule = new RoleGrantsNoEndpointEdits();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-009');
  });

  test('compliant: reading, or the resource in another API group', () => {
    expect(rule.check(role([{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] }, { apiGroups: ['apps'], resources: ['endpointslices'], verbs: ['create'] }]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['Role', 'ClusterRole'])('fails on a %s granting the write verbs, one finding per resource', kind => {
    const found = rule.check(role([{ apiGroups: ['', 'discovery.k8s.io'], resources: ['endpoints', 'endpointslices'], verbs: ['create', 'patch', 'delete'] }], kind), NO_CONTEXT);
    expect(found.map(f => f.path)).toEqual(['/rules/0/resources/0', '/rules/0/resources/1']);
    expect(found[0].message).toBe(`${kind} "r" grants create, patch on "endpoints"`);
    expect(found[1].message).toBe(`${kind} "r" grants create, patch on "endpointslices"`);
  });

  test('not applicable to bindings', () => {
    expect(rule.check(binding({ kind: 'ClusterRole', name: 'x' }, []), NO_CONTEXT)).toEqual([]);
  });
});
