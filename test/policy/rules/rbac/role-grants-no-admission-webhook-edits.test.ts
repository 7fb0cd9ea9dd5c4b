// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoAdmissionWebhookEdits } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoAdmissionWebhookEdits', () => {
  const rule = new RoleGrantsNoAdmissionWebhookEdits();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-008');
  });

  test('compliant: reading, or the resource in another API group', () => {
    expect(rule.check(role([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['get', 'list', 'watch'] }]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['Role', 'ClusterRole'])('fails on a %s granting the write verbs, one finding per resource', kind => {
    const found = rule.check(role([{ apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations', 'validatingadmissionpolicies'], verbs: ['get', 'patch', 'delete'] }], kind), NO_CONTEXT);
    expect(found.map(f => f.path)).toEqual(['/rules/0/resources/0', '/rules/0/resources/1']);
    expect(found[0].message).toBe(`${kind} "r" grants patch, delete on "mutatingwebhookconfigurations"`);
    expect(found[1].message).toBe(`${kind} "r" grants patch, delete on "validatingadmissionpolicies"`);
  });

  test('not applicable to bindings', () => {
    expect(rule.check(binding({ kind: 'ClusterRole', name: 'x' }, []), NO_CONTEXT)).toEqual([]);
  });
});
