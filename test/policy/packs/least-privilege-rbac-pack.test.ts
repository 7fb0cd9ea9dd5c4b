// SPDX-License-Identifier: Apache-2.0
import { LeastPrivilegeRbacPack } from '../../../src/policy/packs/least-privilege-rbac-pack';

describe('LeastPrivilegeRbacPack', () => {
  const pack = new LeastPrivilegeRbacPack();

  test('name', () => {
    expect(pack.name).toBe('LeastPrivilegeRbac');
    expect(LeastPrivilegeRbacPack.NAME).toBe('LeastPrivilegeRbac');
  });

  test('pins the exact rule ids and severities, in order', () => {
    expect(pack.entries.map(e => [e.rule.metadata.id, e.severity])).toEqual([
      ['HARDEN-RBAC-001', 'error'],
      ['HARDEN-RBAC-002', 'error'],
      ['HARDEN-RBAC-003', 'error'],
      ['HARDEN-RBAC-004', 'error'],
      ['HARDEN-RBAC-005', 'error'],
      ['HARDEN-RBAC-006', 'error'],
      ['HARDEN-RBAC-007', 'error'],
      ['HARDEN-RBAC-008', 'error'],
      ['HARDEN-RBAC-009', 'error'],
      ['HARDEN-RBAC-010', 'warning'],
    ]);
  });
});
