// SPDX-License-Identifier: Apache-2.0
import { HardenedWorkloadsPack } from '../../../src/policy/packs/hardened-workloads-pack';

describe('HardenedWorkloadsPack', () => {
  const pack = new HardenedWorkloadsPack();

  test('name', () => {
    expect(pack.name).toBe('HardenedWorkloads');
    expect(HardenedWorkloadsPack.NAME).toBe('HardenedWorkloads');
  });

  test('pins the exact rule ids and severities, in order', () => {
    expect(pack.entries.map(e => [e.rule.metadata.id, e.severity])).toEqual([
      ['HARDEN-WL-001', 'error'],
      ['HARDEN-WL-002', 'error'],
      ['HARDEN-WL-003', 'error'],
      ['HARDEN-WL-004', 'warning'],
      ['HARDEN-WL-005', 'warning'],
      ['HARDEN-WL-006', 'error'],
      ['HARDEN-WL-007', 'error'],
      ['HARDEN-WL-008', 'warning'],
      ['HARDEN-WL-009', 'error'],
      ['HARDEN-WL-011', 'error'],
      ['HARDEN-WL-012', 'error'],
      ['HARDEN-WL-013', 'error'],
      ['HARDEN-WL-014', 'warning'],
      ['HARDEN-WL-015', 'warning'],
      ['HARDEN-WL-016', 'warning'],
      ['HARDEN-WL-017', 'warning'],
      ['HARDEN-WL-018', 'warning'],
      ['HARDEN-WL-020', 'warning'],
    ]);
  });
});
