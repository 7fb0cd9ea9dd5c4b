// SPDX-License-Identifier: Apache-2.0
import { NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoEscalationVerbs } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoEscalationVerbs', () => {
  const rule = new RoleGrantsNoEscalationVerbs();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-002');
  });

  test('compliant read-only role', () => {
    expect(rule.check(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get', 'list'] }]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['escalate', 'bind', 'impersonate'])('fails on %s, naming the verb and resources', verb => {
    expect(rule.check(role([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get', verb] }], 'ClusterRole'), NO_CONTEXT)).toEqual([
      { path: '/rules/0/verbs/1', message: `ClusterRole "r" grants the privilege-escalation verb "${verb}" on ["clusterroles"]` },
    ]);
  });

  test('the * verb is left to HARDEN-RBAC-001', () => {
    expect(rule.check(role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]), NO_CONTEXT)).toEqual([]);
  });

  test('not applicable to malformed rules', () => {
    expect(rule.check(role([{ verbs: 'bind' }, null]), NO_CONTEXT)).toEqual([]);
  });
});
