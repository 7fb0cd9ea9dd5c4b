// SPDX-License-Identifier: Apache-2.0
import { binding, NO_CONTEXT, role } from './_objects';
import { RoleGrantsNoCertificateApproval } from '../../../../src/policy/rules/rbac';

describe('RoleGrantsNoCertificateApproval', () => {
  const rule = new RoleGrantsNoCertificateApproval();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-RBAC-007');
  });

  test('compliant: reading, or the resource in another API group', () => {
    expect(rule.check(role([{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['get', 'list', 'create'] }]), NO_CONTEXT)).toEqual([]);
  });

  test.each(['Role', 'ClusterRole'])('fails on a %s granting the write verbs, one finding per resource', kind => {
    const found = rule.check(role([{ apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval', 'signers'], verbs: ['update', 'approve', 'sign'] }], kind), NO_CONTEXT);
    expect(found.map(f => f.path)).toEqual(['/rules/0/resources/0', '/rules/0/resources/1']);
    expect(found[0].message).toBe(`${kind} "r" grants update on "certificatesigningrequests/approval"`);
    expect(found[1].message).toBe(`${kind} "r" grants approve, sign on "signers"`);
  });

  test('not applicable to bindings', () => {
    expect(rule.check(binding({ kind: 'ClusterRole', name: 'x' }, []), NO_CONTEXT)).toEqual([]);
  });
});
