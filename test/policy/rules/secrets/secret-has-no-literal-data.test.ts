// SPDX-License-Identifier: Apache-2.0
import { SecretHasNoLiteralData } from '../../../../src/policy/rules/secrets';

const NO_CONTEXT = { objects: [] };
function secret(extra: Record<string, any>): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, ...extra };
}

describe('SecretHasNoLiteralData', () => {
  const rule = new SecretHasNoLiteralData();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-SEC-001');
  });

  test.each([
    ['no data', {}],
    ['empty maps', { data: {}, stringData: {} }],
    ['only empty values', { data: { a: '' }, stringData: { b: '' } }],
    ['a service-account-token Secret', { type: 'kubernetes.io/service-account-token' }],
  ])('compliant: %s', (_name, extra) => {
    expect(rule.check(secret(extra), NO_CONTEXT)).toEqual([]);
  });

  test('fails once per literal key, sorted, escaping the pointer and never printing values', () => {
    const found = rule.check(secret({ data: { 'tls.key': 'S0VZ', 'a/b': 'VkFM' }, stringData: { password: 'hunter2' } }), NO_CONTEXT);
    expect(found).toEqual([
      { path: '/data/a~1b', message: 'Secret "db" data key "a/b" holds a literal value (not shown)' },
      { path: '/data/tls.key', message: 'Secret "db" data key "tls.key" holds a literal value (not shown)' },
      { path: '/stringData/password', message: 'Secret "db" stringData key "password" holds a literal value (not shown)' },
    ]);
    for (const v of found) {
      expect(v.message).not.toMatch(/S0VZ|VkFM|hunter2/);
    }
  });

  test('fails on a service-account-token Secret that carries a token', () => {
    expect(rule.check(secret({ type: 'kubernetes.io/service-account-token', data: { token: 'ZXlK' } }), NO_CONTEXT)).toHaveLength(1);
  });

  test('not applicable to ConfigMaps', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { password: 'x' } }, NO_CONTEXT)).toEqual([]);
  });
});
