// SPDX-License-Identifier: Apache-2.0
import { NetworkIsolationPack } from '../../../src/policy/packs/network-isolation-pack';

describe('NetworkIsolationPack', () => {
  const pack = new NetworkIsolationPack();

  test('name', () => {
    expect(pack.name).toBe('NetworkIsolation');
    expect(NetworkIsolationPack.NAME).toBe('NetworkIsolation');
  });

  test('pins the exact rule ids and severities, in order', () => {
    expect(pack.entries.map(e => [e.rule.metadata.id, e.severity])).toEqual([
      ['HARDEN-NET-001', 'error'],
      ['HARDEN-NET-002', 'error'],
      ['HARDEN-NET-003', 'warning'],
      ['HARDEN-NET-004', 'warning'],
      ['HARDEN-NET-005', 'error'],
      ['HARDEN-NET-006', 'error'],
      ['HARDEN-NET-007', 'error'],
      ['HARDEN-NET-008', 'error'],
      ['HARDEN-NET-009', 'error'],
      ['HARDEN-NET-010', 'warning'],
      ['HARDEN-NET-011', 'error'],
    ]);
  });
});
