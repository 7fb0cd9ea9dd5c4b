// SPDX-License-Identifier: Apache-2.0
import { SecretIsNotServiceAccountToken } from '../../../../src/policy/rules/secrets';

const NO_CONTEXT = { objects: [] };
const secret = (type: string, annotations?: any) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 't', namespace: 'shop', annotations }, type });

describe('SecretIsNotServiceAccountToken', () => {
  const rule = new SecretIsNotServiceAccountToken();

  test('metadata', () => {
    expect(rule.metadata.id).toBe('HARDEN-SEC-002');
  });

  test.each(['Opaque', 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson'])('compliant type %s', type => {
    expect(rule.check(secret(type), NO_CONTEXT)).toEqual([]);
  });

  test('fails on a service-account-token Secret, naming the account', () => {
    expect(rule.check(secret('kubernetes.io/service-account-token', { 'kubernetes.io/service-account.name': 'deployer' }), NO_CONTEXT)).toEqual([
      { path: '/type', message: 'Secret "t" is a long-lived token of ServiceAccount "deployer"; use a projected token instead' },
    ]);
  });

  test('not applicable to other kinds', () => {
    expect(rule.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, type: 'kubernetes.io/service-account-token' }, NO_CONTEXT)).toEqual([]);
  });
});
