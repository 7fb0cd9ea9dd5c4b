// SPDX-License-Identifier: Apache-2.0
import { RulePacks } from '../../../src/policy/packs/rule-packs';

/**
 * The exact rule ids of every built-in pack, in pack order. ONE LINE PER PACK:
 *   PodSecurityBaseline: ['HARDEN-PSS-001', ...],
 * A rule added to or removed from a pack must show up here in review.
 */
const EXPECTED: Record<string, string[]> = {
  HardenedWorkloads: ['HARDEN-WL-001', 'HARDEN-WL-002', 'HARDEN-WL-003', 'HARDEN-WL-004', 'HARDEN-WL-005', 'HARDEN-WL-006', 'HARDEN-WL-007', 'HARDEN-WL-008', 'HARDEN-WL-009',
    'HARDEN-WL-011', 'HARDEN-WL-012', 'HARDEN-WL-013', 'HARDEN-WL-014', 'HARDEN-WL-015', 'HARDEN-WL-016', 'HARDEN-WL-017', 'HARDEN-WL-018', 'HARDEN-WL-020'],
  LeastPrivilegeRbac: ['HARDEN-RBAC-001', 'HARDEN-RBAC-002', 'HARDEN-RBAC-003', 'HARDEN-RBAC-004', 'HARDEN-RBAC-005', 'HARDEN-RBAC-006',
    'HARDEN-RBAC-007', 'HARDEN-RBAC-008', 'HARDEN-RBAC-009', 'HARDEN-RBAC-010'],
  NetworkIsolation: ['HARDEN-NET-001', 'HARDEN-NET-002', 'HARDEN-NET-003', 'HARDEN-NET-004', 'HARDEN-NET-005', 'HARDEN-NET-006', 'HARDEN-NET-007', 'HARDEN-NET-008', 'HARDEN-NET-009', 'HARDEN-NET-010', 'HARDEN-NET-011'],
  PodSecurityBaseline: ['HARDEN-PSS-001', 'HARDEN-PSS-002', 'HARDEN-PSS-003', 'HARDEN-PSS-004', 'HARDEN-PSS-005', 'HARDEN-PSS-006', 'HARDEN-PSS-007', 'HARDEN-PSS-008', 'HARDEN-PSS-009', 'HARDEN-PSS-010', 'HARDEN-PSS-011', 'HARDEN-PSS-012'],
  PodSecurityRestricted: ['HARDEN-PSS-001', 'HARDEN-PSS-002', 'HARDEN-PSS-005', 'HARDEN-PSS-006', 'HARDEN-PSS-007', 'HARDEN-PSS-010', 'HARDEN-PSS-011', 'HARDEN-PSS-012', 'HARDEN-PSS-013', 'HARDEN-PSS-014', 'HARDEN-PSS-015', 'HARDEN-PSS-016', 'HARDEN-PSS-017', 'HARDEN-PSS-018', 'HARDEN-PSS-019'],
  SecretsHygiene: ['HARDEN-SEC-001', 'HARDEN-SEC-002'],
  TrustedRegistries: ['HARDEN-WL-010'],
};

describe('built-in packs', () => {
  test('each pack has exactly the pinned rule ids', () => {
    const actual = Object.fromEntries(RulePacks.all().map(p => [p.name, p.entries.map(e => e.rule.metadata.id)]));
    expect(actual).toEqual(EXPECTED);
  });

  test('no pack lists a rule twice', () => {
    for (const p of RulePacks.all()) {
      const ids = p.entries.map(e => e.rule.metadata.id);
      expect({ pack: p.name, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ pack: p.name, duplicates: [] });
    }
  });
});
