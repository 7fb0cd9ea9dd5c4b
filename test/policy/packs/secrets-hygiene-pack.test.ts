// SPDX-License-Identifier: Apache-2.0
import { SecretsHygienePack } from '../../../src/policy/packs/secrets-hygiene-pack';

describe('SecretsHygienePack', () => {
  const pack = new SecretsHygienePack();

  test('name', () => {
    expect(pack.name).toBe('SecretsHygiene');
    expect(SecretsHygienePack.NAME).toBe('SecretsHygiene');
  });

  test('pins the exact rule ids and severities, in order', () => {
    expect(pack.entries.map(e => [e.rule.metadata.id, e.severity])).toEqual([
      ['HARDEN-SEC-001', 'error'],
      ['HARDEN-SEC-002', 'error'],
    ]);
  });
});
